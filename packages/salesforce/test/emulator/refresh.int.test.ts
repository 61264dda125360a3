import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesforceClient, SalesforceError } from '../../src/index.ts';
import { ACME, clientFor, connect, type Emulator, start } from './setup.ts';

describe('token refresh on 401', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('refreshes after the control API expires the token and hands the new token to the callback', async () => {
    const tokens = await connect(emu, ACME);
    const { client, refreshed } = clientFor(emu, tokens);
    expect(await client.count('Contact')).toBe(250);
    const expired = await emu.control.expireAccessTokens({ token: tokens.accessToken });
    expect(expired).toEqual([tokens.accessToken]);

    expect(await client.count('Contact')).toBe(250);
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]?.accessToken).toBeTruthy();
    expect(refreshed[0]?.accessToken).not.toBe(tokens.accessToken);
    // No rotation configured: Salesforce sends no refresh token, so none is reported.
    expect(refreshed[0]?.refreshToken).toBeUndefined();
    // Identity answers an expired token with 403 rather than 401; the client refreshes for it too.
    await emu.control.expireAccessTokens({ token: refreshed[0]!.accessToken });
    expect((await client.identity()).username).toBe(ACME.username);
    expect(refreshed).toHaveLength(2);
  });

  it('reports auth_revoked when the refresh token was revoked', async () => {
    const tokens = await connect(emu, ACME);
    const { client, refreshed } = clientFor(emu, tokens);
    await emu.control.revokeRefreshTokens({ token: tokens.refreshToken! });
    const err = await client.describe('Contact').catch((e) => e);
    expect(err).toBeInstanceOf(SalesforceError);
    expect(err.kind).toBe('auth_revoked');
    expect(err.errorCode).toBe('invalid_grant');
    expect(refreshed).toHaveLength(0);
  });

  it('reports auth_expired when there is nothing to refresh with', async () => {
    const tokens = await connect(emu, ACME);
    const client = createSalesforceClient({
      instanceUrl: tokens.instanceUrl,
      accessToken: tokens.accessToken,
      loginUrl: emu.url,
    });
    await emu.control.expireAccessTokens({ token: tokens.accessToken });
    const err = await client.limits().catch((e) => e);
    expect(err).toBeInstanceOf(SalesforceError);
    expect(err.kind).toBe('auth_expired');
    expect(err.message).not.toContain(tokens.accessToken);
  });
});

describe('token refresh with rotating refresh tokens', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start({ rotateRefreshTokens: true });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('passes the rotated refresh token to the callback and uses it for the next refresh', async () => {
    const tokens = await connect(emu, ACME);
    const { client, refreshed } = clientFor(emu, tokens);
    await emu.control.expireAccessTokens({ token: tokens.accessToken });
    await client.limits();
    expect(refreshed).toHaveLength(1);
    const first = refreshed[0]!;
    expect(first.refreshToken).toBeTruthy();
    expect(first.refreshToken).not.toBe(tokens.refreshToken);

    // The old refresh token is dead now; a second refresh only works with the rotated one.
    await emu.control.expireAccessTokens({ token: first.accessToken });
    await client.limits();
    expect(refreshed).toHaveLength(2);
    expect(refreshed[1]?.refreshToken).toBeTruthy();
    expect(refreshed[1]?.refreshToken).not.toBe(first.refreshToken);
  });
});
