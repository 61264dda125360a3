import { objectSyncView, type SyncMethod, type SyncObject } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { syncPath } from './list-syncs.ts';

export interface UpdateSyncInput {
  object: SyncObject;
  /** Any interval is sent as chosen: the server is the one judge of what it accepts (5, 10, 15, 30). */
  changes: {
    method?: SyncMethod | null;
    intervalMinutes?: number | null;
    enabled?: boolean;
    /** The chosen extra fields (API names); sent only when the admin changed them. */
    fields?: string[];
  };
}

/** 200: the saved sync; 400 names the refused field in `issues[].path`. */
export const updateSync = ({ object, changes }: UpdateSyncInput) =>
  apiRequest(syncPath(object), { method: 'PATCH', body: changes, schema: objectSyncView });

export function useUpdateSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSync,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.syncs.all }),
  });
}
