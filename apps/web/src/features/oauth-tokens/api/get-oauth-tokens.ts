import { oauthTokensResponse } from '@ch/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/** Root of every OAuth token key: connecting or disconnecting an integration invalidates `all`. */
export const oauthTokensKeys = {
  all: ['oauth-tokens'] as const,
  list: () => [...oauthTokensKeys.all, 'list'] as const,
};

export const getOAuthTokens = (signal?: AbortSignal) =>
  apiRequest('/api/oauth-tokens', { schema: oauthTokensResponse, signal });

export const oauthTokensQueryOptions = () =>
  queryOptions({ queryKey: oauthTokensKeys.list(), queryFn: ({ signal }) => getOAuthTokens(signal) });

export const useOAuthTokens = () => useQuery(oauthTokensQueryOptions());
