import { startEmulator } from '@ch/salesforce-emulator';
import {
  buildAuthorizeUrl,
  createPkcePair,
  createSalesforceClient,
  exchangeCode,
  type RefreshedTokens,
  type SalesforceClient,
  type SalesforceClientOptions,
  type TokenSet,
} from '../../src/index.ts';
import { authorizeWithForms } from './oauth-forms.ts';

export const CLIENT_ID = 'cloverhound-local-client';
export const CLIENT_SECRET = 'cloverhound-local-secret';
export const REDIRECT_URI = 'http://localhost:5999/oauth/salesforce/callback';
export const ACME = { username: 'integration.user@acme.example', password: 'salesforce' };
export const GLOBEX = { username: 'admin@globex.example', password: 'salesforce' };

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export function start(
  options: { rotateRefreshTokens?: boolean; records?: 'seed' | 'none' } = {},
): Promise<Emulator> {
  return startEmulator({ port: 0, callbackUrls: [REDIRECT_URI], ...options });
}

/** The whole web-server flow against the emulator: authorize URL -> forms -> code -> tokens. */
export async function connect(
  emu: Emulator,
  user: { username: string; password: string },
): Promise<TokenSet> {
  const pkce = createPkcePair();
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const url = buildAuthorizeUrl({
    loginUrl: emu.url,
    clientId: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    state,
    codeChallenge: pkce.codeChallenge,
  });
  const { callback } = await authorizeWithForms(url, user);
  if (callback.searchParams.get('state') !== state) throw new Error('state mismatch');
  return exchangeCode({
    loginUrl: emu.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    code: callback.searchParams.get('code') ?? '',
    codeVerifier: pkce.codeVerifier,
  });
}

export interface ClientUnderTest {
  client: SalesforceClient;
  refreshed: RefreshedTokens[];
}

export function clientFor(
  emu: Emulator,
  tokens: TokenSet,
  extra: Partial<SalesforceClientOptions> = {},
): ClientUnderTest {
  const refreshed: RefreshedTokens[] = [];
  const client = createSalesforceClient({
    instanceUrl: tokens.instanceUrl,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    identityUrl: tokens.identityUrl,
    loginUrl: emu.url,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    // Fast, bounded retries so injected 5xx tests stay quick and deterministic.
    retry: { maxRetries: 2, minTimeoutMs: 20 },
    onTokenRefresh: (t) => {
      refreshed.push(t);
    },
    ...extra,
  });
  return { client, refreshed };
}
