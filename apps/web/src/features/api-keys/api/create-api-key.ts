import { type CreateApiKeyRequest, createApiKeyResponse } from '@ch/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const createApiKey = (input: CreateApiKeyRequest) =>
  apiRequest('/api/api-keys', { method: 'POST', body: input, schema: createApiKeyResponse });

/**
 * The response is the only place the full key ever appears. It is never written to the query
 * cache (the list is refetched instead, and shows only the prefix), and `gcTime: 0` drops the
 * finished mutation, key included, as soon as the form resets it.
 */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys.all }),
  });
}
