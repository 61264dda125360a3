import { objectSyncView, type SyncObject } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { SYNCS_PATH } from './list-syncs.ts';

/** 201: the object's sync, disabled and with no method yet. */
export const createSync = (object: SyncObject) =>
  apiRequest(SYNCS_PATH, { method: 'POST', body: { object }, schema: objectSyncView });

export function useCreateSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSync,
    // Also on failure: a 409 means it exists already, which the list should then show.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncs.all }),
  });
}
