import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, createPkcePair, resolveLoginUrl } from '../../src/index.ts';
import { parseIdentityUrl, toTokenSet } from '../../src/token-set.ts';

describe('PKCE and authorize URL', () => {
  it('creates an S256 pair', () => {
    const pair = createPkcePair();
    expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pair.codeChallenge).toBe(createHash('sha256').update(pair.codeVerifier).digest('base64url'));
    expect(createPkcePair().codeVerifier).not.toBe(pair.codeVerifier);
  });

  it.each([
    ['https://login.salesforce.com', 'https://login.salesforce.com'],
    ['https://acme.my.salesforce.com/some/path', 'https://acme.my.salesforce.com'],
    ['http://127.0.0.1:4567', 'http://127.0.0.1:4567'],
  ])('resolves login host %s', (host, origin) => {
    expect(resolveLoginUrl(host)).toBe(origin);
  });

  it('refuses plain http outside localhost', () => {
    expect(() => resolveLoginUrl('http://acme.my.salesforce.com')).toThrow(TypeError);
  });

  it('builds the authorize URL with state and PKCE', () => {
    const url = new URL(
      buildAuthorizeUrl({
        loginUrl: 'https://test.salesforce.com',
        clientId: 'cid',
        redirectUri: 'https://app.example/cb',
        state: 'st-1',
        codeChallenge: 'chal',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://test.salesforce.com/services/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://app.example/cb',
      scope: 'api refresh_token id',
      state: 'st-1',
      code_challenge: 'chal',
      code_challenge_method: 'S256',
    });
  });
});

describe('token set', () => {
  it('parses ids and times from the token response', () => {
    const set = toTokenSet({
      access_token: 'a',
      refresh_token: 'r',
      instance_url: 'https://acme.my.salesforce.com',
      id: 'https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS',
      issued_at: '1732800000000',
      scope: 'api refresh_token id',
    });
    expect(set).toMatchObject({ organizationId: '00Dxx0000001gPLEAY', userId: '005xx000001SwiUAAS' });
    expect(set.issuedAt.getTime()).toBe(1732800000000);
    expect(set.scope).toEqual(['api', 'refresh_token', 'id']);
    expect(() => parseIdentityUrl('https://x/foo')).toThrow();
  });
});
