import { listOAuthTokensResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const listOAuthTokens = (signal?: AbortSignal) =>
  apiRequest('/api/oauth-tokens', { schema: listOAuthTokensResponse, signal });

export const oauthTokensQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.oauthTokens.list(), queryFn: ({ signal }) => listOAuthTokens(signal) });

export const useOAuthTokens = () => useQuery(oauthTokensQueryOptions());
