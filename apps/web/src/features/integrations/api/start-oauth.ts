import type { OAuthStartQuery } from '@ch/contracts';

/**
 * Where the Salesforce sign-in window (or, with popups blocked, the whole tab) goes. It is a
 * page, not a fetch: the API answers with a redirect to Salesforce.
 */
export function startOAuthUrl(query: OAuthStartQuery): string {
  const params = new URLSearchParams({
    purpose: query.purpose,
    loginHost: query.loginHost,
    mode: query.mode,
  });
  return `/api/integrations/salesforce/oauth/start?${params}`;
}
