import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import {
  ACME_USER,
  browserAuthorize,
  CALLBACK,
  codeForm,
  connectAs,
  oauth2For,
  pkcePair,
  postToken,
  startTestEmulator,
} from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('tokens through jsforce', () => {
  it('authorizes, reads identity and userinfo', async () => {
    const conn = await connectAs(emu);
    expect(conn.instanceUrl).toBe(emu.url);
    const identity = await conn.identity();
    expect(identity.username).toBe(ACME_USER);
    expect(identity.display_name).toBe('Integration User');
    expect(identity.organization_id).toMatch(/^00D/);
    const info = await fetch(`${emu.url}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(((await info.json()) as { preferred_username: string }).preferred_username).toBe(ACME_USER);
  });

  it('refreshes transparently on 401 after the control API expires access tokens', async () => {
    const conn = await connectAs(emu);
    const refreshed: string[] = [];
    conn.on('refresh', (accessToken: string) => refreshed.push(accessToken));
    const before = conn.accessToken;
    await emu.control.expireAccessTokens({ org: 'acme' });
    const res = await conn.query('SELECT COUNT() FROM Contact');
    expect(res.totalSize).toBeGreaterThan(0);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).not.toBe(before);
    const tokens = await emu.control.tokens('acme');
    expect(tokens.find((t) => t.token === before)?.expired).toBe(true);
  });

  it('revokes a refresh token and its access tokens; refresh then fails with invalid_grant', async () => {
    const conn = await connectAs(emu);
    const refreshToken = conn.refreshToken ?? '';
    await oauth2For(emu).revokeToken(refreshToken);
    const tokens = await emu.control.tokens('acme');
    expect(tokens.find((t) => t.token === refreshToken)?.revoked).toBe(true);
    expect(tokens.find((t) => t.token === conn.accessToken)?.revoked).toBe(true);
    await expect(oauth2For(emu).refreshToken(refreshToken)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'expired access/refresh token',
    });
    const bad = await fetch(`${emu.url}/services/oauth2/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'nope' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('keeps at most 5 approvals per user and app: the 6th revokes the oldest', async () => {
    await emu.control.revokeRefreshTokens({ org: 'acme' });
    const conns: Connection[] = [];
    for (let i = 0; i < 6; i++) conns.push(await connectAs(emu));
    const tokens = await emu.control.tokens('acme');
    const state = (c: Connection) => tokens.find((t) => t.token === c.refreshToken)?.revoked;
    expect(conns.map(state)).toEqual([true, false, false, false, false, false]);
  });

  it('omits refresh_token on refresh unless the app rotates refresh tokens', async () => {
    const conn = await connectAs(emu);
    const plain = await oauth2For(emu).refreshToken(conn.refreshToken ?? '');
    expect(plain.refresh_token).toBeUndefined();
    await emu.control.registerApp({
      name: 'Rotator',
      clientId: 'rot',
      clientSecret: 'rot-secret',
      callbackUrls: [CALLBACK],
      rotateRefreshTokens: true,
    });
    const { verifier, challenge } = pkcePair();
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: 'rot',
      redirect_uri: CALLBACK,
      code_challenge: challenge,
    });
    const redirect = await browserAuthorize(emu, {
      authorizeUrl: `${emu.url}/services/oauth2/authorize?${q}`,
    });
    const first = await postToken(emu, {
      ...codeForm(redirect.searchParams.get('code') ?? '', verifier),
      client_id: 'rot',
      client_secret: 'rot-secret',
    });
    const rotated = await postToken(emu, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token ?? '',
      client_id: 'rot',
      client_secret: 'rot-secret',
    });
    expect(rotated.body.refresh_token).toMatch(/^5Aep/);
    expect(rotated.body.refresh_token).not.toBe(first.body.refresh_token);
  });
});
