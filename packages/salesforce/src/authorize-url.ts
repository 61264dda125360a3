import { resolveLoginUrl } from './login-host.ts';
import type { LoginHost } from './types.ts';

export interface AuthorizeUrlOptions {
  loginUrl: LoginHost;
  clientId: string;
  redirectUri: string;
  /** Opaque CSRF token; Salesforce echoes it on the redirect. */
  state: string;
  codeChallenge: string;
  scope?: string;
  /** e.g. 'login consent' to force the login form even with a live Salesforce session. */
  prompt?: string;
}

export const DEFAULT_SCOPE = 'api refresh_token id';

export function buildAuthorizeUrl(options: AuthorizeUrlOptions): string {
  const url = new URL('/services/oauth2/authorize', resolveLoginUrl(options.loginUrl));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', options.scope ?? DEFAULT_SCOPE);
  url.searchParams.set('state', options.state);
  url.searchParams.set('code_challenge', options.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (options.prompt) url.searchParams.set('prompt', options.prompt);
  return url.toString();
}
