import { type SyncObject, syncTestResponse } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { syncPath, syncsKeys } from './get-syncs.ts';

/** A failed check is a result (ok false, with the reason), not an error. */
export const testSync = (object: SyncObject) =>
  apiRequest(`${syncPath(object)}/test`, { method: 'POST', schema: syncTestResponse });

export function useTestSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testSync,
    // A passing test closes a tripped circuit breaker, so the status may have changed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: syncsKeys.all }),
  });
}
