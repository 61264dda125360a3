import { listSyncFieldsResponse, type SyncObject } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { syncPath } from './list-syncs.ts';

/** The object's readable fields, from the connected org's describe. */
export const listSyncFields = (object: SyncObject, signal?: AbortSignal) =>
  apiRequest(`${syncPath(object)}/fields`, { schema: listSyncFieldsResponse, signal });

export const syncFieldsQueryOptions = (object: SyncObject) =>
  queryOptions({
    queryKey: queryKeys.syncs.fields(object),
    queryFn: ({ signal }) => listSyncFields(object, signal),
    // Describe changes when an admin edits Salesforce, not from second to second.
    staleTime: 60_000,
  });

/** Asked only once the control is opened (`enabled`): describe is a Salesforce API call. */
export const useSyncFields = (object: SyncObject, enabled: boolean) =>
  useQuery({ ...syncFieldsQueryOptions(object), enabled });
