import { objectSyncView, type SyncObject } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { syncPath } from './list-syncs.ts';

/** Closes a tripped circuit breaker so the sync runs again within seconds. */
export const retrySync = (object: SyncObject) =>
  apiRequest(`${syncPath(object)}/retry`, { method: 'POST', schema: objectSyncView });

export function useRetrySync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retrySync,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncs.all }),
  });
}
