import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP, type RunningEmulator } from '../index.ts';
import {
  ACME_USER,
  browserAuthorize,
  CALLBACK,
  codeForm,
  pkcePair,
  postToken,
  startTestEmulator,
} from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

function authorizeUrl(params: Record<string, string>): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_APP.clientId,
    redirect_uri: CALLBACK,
    ...params,
  });
  return `${emu.url}/services/oauth2/authorize?${q}`;
}

describe('OAuth web server flow', () => {
  it('renders a login form with labelled inputs and a Log In button, then an approval page', async () => {
    const res = await fetch(authorizeUrl({ state: 's1', prompt: 'login' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button type="submit">Log In<\/button>/);
  });

  it('completes the code flow with PKCE and returns the Salesforce token body', async () => {
    const { verifier, challenge } = pkcePair();
    const redirect = await browserAuthorize(emu, {
      authorizeUrl: authorizeUrl({ state: 'st/1', code_challenge: challenge, scope: 'api refresh_token id' }),
    });
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CALLBACK);
    expect(redirect.searchParams.get('state')).toBe('st/1');
    const code = redirect.searchParams.get('code') ?? '';
    const { status, body } = await postToken(emu, codeForm(code, verifier));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'id',
      'instance_url',
      'issued_at',
      'refresh_token',
      'scope',
      'signature',
      'token_type',
    ]);
    expect(body.access_token).toMatch(/^00D[A-Za-z0-9]{15}!/);
    expect(body.refresh_token).toMatch(/^5Aep/);
    expect(body.instance_url).toBe(emu.url);
    expect(body.token_type).toBe('Bearer');
    expect(body.id).toMatch(new RegExp(`^${emu.url}/id/00D\\w{15}/005\\w{15}$`));
    const expected = createHmac('sha256', DEFAULT_APP.clientSecret)
      .update(`${body.id}${body.issued_at}`)
      .digest('base64');
    expect(body.signature).toBe(expected);
    expect(Number(body.issued_at)).toBeGreaterThan(1_700_000_000_000);
    // single use
    const again = await postToken(emu, codeForm(code, verifier));
    expect(again).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authentication failure' },
    });
  });

  it('rejects a wrong code_verifier, a wrong secret, an unknown client and a mismatched redirect_uri', async () => {
    const { challenge } = pkcePair();
    const code = async () =>
      (
        await browserAuthorize(emu, { authorizeUrl: authorizeUrl({ code_challenge: challenge }) })
      ).searchParams.get('code') ?? '';
    expect((await postToken(emu, codeForm(await code(), 'wrong-verifier'))).body.error).toBe('invalid_grant');
    expect((await postToken(emu, { ...codeForm(await code(), ''), client_secret: 'nope' })).body).toEqual({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    expect((await postToken(emu, { ...codeForm(await code(), ''), client_id: 'nope' })).body.error).toBe(
      'invalid_client_id',
    );
    expect(
      (await postToken(emu, { ...codeForm(await code(), ''), redirect_uri: 'http://localhost:3999/other' }))
        .body.error,
    ).toBe('redirect_uri_mismatch');
  });

  it('expires codes after the configured lifetime', async () => {
    const { verifier, challenge } = pkcePair();
    const redirect = await browserAuthorize(emu, {
      authorizeUrl: authorizeUrl({ code_challenge: challenge }),
    });
    await emu.control.advanceClock(15 * 60_000 + 1);
    const res = await postToken(emu, codeForm(redirect.searchParams.get('code') ?? '', verifier));
    expect(res).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authentication failure' },
    });
  });

  it('redirects with access_denied when the user clicks Deny', async () => {
    const redirect = await browserAuthorize(emu, {
      authorizeUrl: authorizeUrl({ state: 'abc' }),
      decision: 'deny',
    });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('error_description')).toBe('end-user denied authorization');
    expect(redirect.search).toContain('error_description=end-user+denied+authorization');
    expect(redirect.searchParams.get('state')).toBe('abc');
  });

  it('shows an error page without redirecting for an unknown client or callback', async () => {
    for (const url of [
      authorizeUrl({ client_id: 'unknown' }),
      authorizeUrl({ redirect_uri: 'http://evil.example/cb' }),
    ]) {
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('rejects a wrong password on the login form', async () => {
    const page = await (await fetch(authorizeUrl({}))).text();
    const pending = /name="pending" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await fetch(`${emu.url}/services/oauth2/authorize/login`, {
      method: 'POST',
      body: new URLSearchParams({ pending, username: ACME_USER, password: 'wrong' }),
    });
    const html = await res.text();
    expect(html).toContain('Please check your username and password');
    expect(html).not.toContain('Allow');
  });

  it('names the connected app on the approval page', async () => {
    const page = await (await fetch(authorizeUrl({}))).text();
    const pending = /name="pending" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await fetch(`${emu.url}/services/oauth2/authorize/login`, {
      method: 'POST',
      body: new URLSearchParams({ pending, username: ACME_USER, password: 'salesforce' }),
    });
    const html = await res.text();
    expect(html).toContain('Cloverhound Cloud');
    expect(html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*>Deny<\/button>/);
  });
});
