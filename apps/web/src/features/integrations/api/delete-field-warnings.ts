import { objectSyncView, type SyncObject } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { syncPath } from './list-syncs.ts';

/** The admin has read that fields were removed from the sync: the row stops saying so. */
export const deleteFieldWarnings = (object: SyncObject) =>
  apiRequest(`${syncPath(object)}/field-warnings`, { method: 'DELETE', schema: objectSyncView });

export function useDeleteFieldWarnings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteFieldWarnings,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncs.all }),
  });
}
