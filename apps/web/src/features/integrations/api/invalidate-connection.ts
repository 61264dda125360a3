import type { QueryClient } from '@tanstack/react-query';
import { oauthTokensKeys } from '../../oauth-tokens/api/get-oauth-tokens.ts';
import { integrationsKeys } from './get-integrations.ts';

/**
 * Connecting, resetting and disconnecting change both the card and the stored token, which the
 * OAuth Tokens page lists, so both are refetched.
 */
export const invalidateSalesforceConnection = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: integrationsKeys.all }),
    queryClient.invalidateQueries({ queryKey: oauthTokensKeys.all }),
  ]);
