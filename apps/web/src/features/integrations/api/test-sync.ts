import { type SyncObject, testSyncResponse } from '@ch/contracts';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { errorText } from './error-text.ts';
import { syncPath } from './list-syncs.ts';

/** A failed check is a result (ok false, with the reason), not an error. */
export const testSync = (object: SyncObject) =>
  apiRequest(`${syncPath(object)}/test`, { method: 'POST', schema: testSyncResponse });

/** The last Test of an object in this session, and whether one is running. */
export interface SyncTestRecord {
  running: boolean;
  last: { ok: boolean; message: string; at: string } | null;
}

/** Where the row shows the last result; focus goes there after the alert, when the row is on screen. */
export const lastTestId = (object: SyncObject) => `sync-last-test-${object}`;

/**
 * Runs Test outside any component: the result lives in the query cache, not in the row, so
 * closing the modal while "Testing..." loses nothing. The browser alert the user guide promises
 * is shown whenever the answer comes, and the row (open or reopened) keeps the result and time.
 */
export async function runSyncTest(queryClient: QueryClient, object: SyncObject): Promise<void> {
  // Kept for the session: nothing else holds this record once the modal is closed.
  queryClient.setQueryDefaults(queryKeys.syncs.tests(), {
    gcTime: Number.POSITIVE_INFINITY,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const previous = queryClient.getQueryData<SyncTestRecord>(queryKeys.syncs.test(object))?.last ?? null;
  queryClient.setQueryData<SyncTestRecord>(queryKeys.syncs.test(object), { running: true, last: previous });
  let last: NonNullable<SyncTestRecord['last']>;
  try {
    const result = await testSync(object);
    last = { ...result, at: new Date().toISOString() };
  } catch (error) {
    const message = `The ${object} test could not run: ${errorText(error as Error)}`;
    last = { ok: false, message, at: new Date().toISOString() };
  }
  queryClient.setQueryData<SyncTestRecord>(queryKeys.syncs.test(object), { running: false, last });
  // A passing test closes a tripped circuit breaker, so the status may have changed.
  void queryClient.invalidateQueries({ queryKey: queryKeys.syncs.list() });
  window.alert(last.message);
  document.getElementById(lastTestId(object))?.focus();
}

export function useTestSync(object: SyncObject) {
  const queryClient = useQueryClient();
  const record = useQuery({
    queryKey: queryKeys.syncs.test(object),
    // Never fetched: runSyncTest writes it.
    queryFn: (): SyncTestRecord => ({ running: false, last: null }),
    enabled: false,
    gcTime: Number.POSITIVE_INFINITY,
  });
  return {
    running: record.data?.running ?? false,
    last: record.data?.last ?? null,
    run: () => void runSyncTest(queryClient, object),
  };
}
