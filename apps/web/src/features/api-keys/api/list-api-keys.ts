import { listApiKeysResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

// The list never holds a secret (only each key's display prefix), so caching it is safe.
export const listApiKeys = (signal?: AbortSignal) =>
  apiRequest('/api/api-keys', { schema: listApiKeysResponse, signal });

export const apiKeysQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.apiKeys.list(), queryFn: ({ signal }) => listApiKeys(signal) });

export const useApiKeys = () => useQuery(apiKeysQueryOptions());
