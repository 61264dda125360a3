import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const revokeApiKey = (id: string) =>
  apiRequest(`/api/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Revoked keys stay listed (for the record), so the list is refetched rather than filtered. */
export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.all }),
  });
}
