import { listSyncsResponse, type ObjectSyncView } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const SYNCS_PATH = '/api/integrations/salesforce/syncs';
export const syncPath = (object: string) => `${SYNCS_PATH}/${encodeURIComponent(object)}`;

/** How often status and progress refresh while someone is watching them. */
export const LIVE_POLL_MS = 2000;

export const listSyncs = (signal?: AbortSignal) =>
  apiRequest(SYNCS_PATH, { schema: listSyncsResponse, signal });

/**
 * A sync changes on its own while the first load runs, while it waits for its first run and
 * while it is in Error (a Test or another admin may close the breaker), so those are polled.
 */
export const needsWatching = (sync: ObjectSyncView) =>
  sync.progress !== null ||
  sync.status === 'error' ||
  (sync.enabled && sync.status === 'active' && sync.lastSuccessAt === null);

export const syncsQueryOptions = (live = false) =>
  queryOptions({
    queryKey: queryKeys.syncs.list(),
    queryFn: ({ signal }) => listSyncs(signal),
    // Not while the load fails: each poll would swap the error and its Try again for "Loading…"
    // again, and a screen reader would hear the failure anew every two seconds.
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      return live || query.state.data?.syncs.some(needsWatching) ? LIVE_POLL_MS : false;
    },
  });

/** `live`: poll whatever the syncs' state, e.g. while the Sync Settings modal is open. */
export const useSyncs = (live = false) => useQuery(syncsQueryOptions(live));
