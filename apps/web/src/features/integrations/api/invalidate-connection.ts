import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys.ts';

/**
 * Connecting, resetting and disconnecting change both the card and the stored token, which the
 * OAuth Tokens page lists, so both are refetched.
 */
export const invalidateSalesforceConnection = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.integrations.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.oauthTokens.all }),
  ]);
