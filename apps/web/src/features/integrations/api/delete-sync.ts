import { deleteSyncResponse, type SyncObject } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { syncPath } from './list-syncs.ts';

/** Removes the sync and the campaign data sources that read it; answers how many went. */
export const deleteSync = (object: SyncObject) =>
  apiRequest(syncPath(object), { method: 'DELETE', schema: deleteSyncResponse });

export function useDeleteSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSync,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncs.all }),
  });
}
