import { OAuth2 } from 'jsforce';
import { SalesforceError } from './errors.ts';
import { resolveLoginUrl } from './login-host.ts';
import { toSalesforceError } from './map-error.ts';
import { type TokenResponseBody, toTokenSet } from './token-set.ts';
import type { LoginHost, TokenSet } from './types.ts';

export interface OAuthClientConfig {
  loginUrl: LoginHost;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

function createOAuth2(config: OAuthClientConfig): OAuth2 {
  return new OAuth2({
    loginUrl: resolveLoginUrl(config.loginUrl),
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri: config.redirectUri,
  });
}

export interface ExchangeCodeOptions extends OAuthClientConfig {
  code: string;
  codeVerifier: string;
}

/** Authorization-code grant (with the PKCE verifier) -> TokenSet. */
export async function exchangeCode(options: ExchangeCodeOptions): Promise<TokenSet> {
  const oauth2 = createOAuth2(options);
  try {
    const res = await oauth2.requestToken(options.code, { code_verifier: options.codeVerifier });
    return toTokenSet(res as TokenResponseBody);
  } catch (err) {
    throw toSalesforceError(err, { secrets: [options.code, options.codeVerifier, options.clientSecret] });
  }
}

export interface RevokeTokenOptions {
  loginUrl: LoginHost;
  /** An access or refresh token; revoking a refresh token also ends its access tokens. */
  token: string;
}

export async function revokeToken(options: RevokeTokenOptions): Promise<void> {
  const oauth2 = new OAuth2({ loginUrl: resolveLoginUrl(options.loginUrl) });
  try {
    await oauth2.revokeToken(options.token);
  } catch (err) {
    // jsforce parses the revoke error body as a query string, so the JSON `invalid_token` only
    // survives inside the message: an unknown or already revoked token.
    if (/invalid_token/.test(String((err as Error).message))) {
      throw new SalesforceError('auth_revoked', 'Token is invalid or already revoked', {
        errorCode: 'invalid_token',
        status: 400,
      });
    }
    throw toSalesforceError(err, { secrets: [options.token] });
  }
}
