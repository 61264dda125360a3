import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAuthorizeUrl,
  createPkcePair,
  exchangeCode,
  getIdentity,
  isSalesforceError,
  revokeToken,
  SalesforceError,
} from '../../src/index.ts';
import { authorizeWithForms } from './oauth-forms.ts';
import {
  ACME,
  CLIENT_ID,
  CLIENT_SECRET,
  clientFor,
  connect,
  type Emulator,
  REDIRECT_URI,
  start,
} from './setup.ts';

describe('OAuth web-server flow against the emulator', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('logs in, allows, exchanges the code with PKCE and reads the identity', async () => {
    const tokens = await connect(emu, ACME);
    expect(tokens.instanceUrl).toBe(emu.url);
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scope).toEqual(expect.arrayContaining(['api', 'refresh_token']));
    expect(tokens.organizationId).toMatch(/^00D/);
    expect(tokens.userId).toMatch(/^005/);
    expect(Math.abs(tokens.issuedAt.getTime() - Date.now())).toBeLessThan(60_000);

    const identity = await getIdentity({ identityUrl: tokens.identityUrl, accessToken: tokens.accessToken });
    expect(identity).toEqual({
      username: ACME.username,
      displayName: 'Integration User',
      email: expect.stringContaining('@'),
      organizationId: tokens.organizationId,
      userId: tokens.userId,
    });
    const { client } = clientFor(emu, tokens);
    expect(await client.identity()).toEqual(identity);
  });

  it('reports Deny as access_denied on the callback', async () => {
    const url = buildAuthorizeUrl({
      loginUrl: emu.url,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      state: 's1',
      codeChallenge: createPkcePair().codeChallenge,
    });
    const { callback } = await authorizeWithForms(url, ACME, 'Deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('s1');
  });

  it('rejects a code exchanged with the wrong PKCE verifier, and a reused code', async () => {
    const pkce = createPkcePair();
    const url = buildAuthorizeUrl({
      loginUrl: emu.url,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      state: 's2',
      codeChallenge: pkce.codeChallenge,
    });
    const { callback } = await authorizeWithForms(url, ACME);
    const code = callback.searchParams.get('code') ?? '';
    const base = {
      loginUrl: emu.url,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: REDIRECT_URI,
      code,
    };
    const wrong = await exchangeCode({ ...base, codeVerifier: createPkcePair().codeVerifier }).catch(
      (e) => e,
    );
    expect(wrong).toBeInstanceOf(SalesforceError);
    expect(wrong.kind).toBe('auth_revoked');
    expect(wrong.message).not.toContain(code);
    // The code was consumed by the failed attempt: single use.
    const again = await exchangeCode({ ...base, codeVerifier: pkce.codeVerifier }).catch((e) => e);
    expect(isSalesforceError(again, 'auth_revoked')).toBe(true);
  });

  it('revoke() on the client ends the grant', async () => {
    const tokens = await connect(emu, ACME);
    const { client } = clientFor(emu, tokens);
    await client.revoke();
    const err = await client.limits().catch((e) => e);
    expect(isSalesforceError(err, 'auth_revoked')).toBe(true);
    const live = (await emu.control.tokens('acme')).filter((t) => t.token === tokens.refreshToken);
    expect(live.every((t) => t.revoked)).toBe(true);
  });

  it('revokes a refresh token; the client then fails with auth_revoked once the access token expires', async () => {
    const tokens = await connect(emu, ACME);
    const { client } = clientFor(emu, tokens);
    expect((await client.limits()).dailyApiRequests.max).toBeGreaterThan(0);
    await revokeToken({ loginUrl: emu.url, token: tokens.refreshToken! });
    // Revoking the refresh token ends its access tokens too.
    const err = await client.limits().catch((e) => e);
    expect(err).toBeInstanceOf(SalesforceError);
    expect(err.kind).toBe('auth_revoked');
    expect(err.message).not.toContain(tokens.accessToken);
    expect(err.message).not.toContain(tokens.refreshToken);
    // Revoking again: the token is unknown now.
    const again = await revokeToken({ loginUrl: emu.url, token: tokens.refreshToken! }).catch((e) => e);
    expect(isSalesforceError(again, 'auth_revoked')).toBe(true);
    expect(again.errorCode).toBe('invalid_token');
  });
});
