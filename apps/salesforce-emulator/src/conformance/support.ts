import { createHash, randomBytes } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { DEFAULT_APP, type EmulatorOptions, type RunningEmulator, startEmulator } from '../index.ts';

// Helpers for the conformance suite: everything goes over real HTTP, as a client would.
export const CALLBACK = 'http://localhost:3999/oauth/callback';
export const ACME_USER = 'integration.user@acme.example';
export const GLOBEX_USER = 'admin@globex.example';
export const VERSION = '62.0';

export function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, callbackUrls: [CALLBACK], ...options });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function hiddenField(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no hidden field ${name} in page: ${html.slice(0, 300)}`);
  return m[1];
}

async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
}

export interface BrowserLogin {
  authorizeUrl: string;
  username?: string;
  password?: string;
  decision?: 'allow' | 'deny';
}

/** Walks the authorize pages like a browser: login form, then Allow/Deny. Returns the redirect. */
export async function browserAuthorize(emu: RunningEmulator, login: BrowserLogin): Promise<URL> {
  const page = await fetch(login.authorizeUrl, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`authorize page status ${page.status}`);
  const pending = hiddenField(await page.text(), 'pending');
  const approval = await postForm(`${emu.url}/services/oauth2/authorize/login`, {
    pending,
    username: login.username ?? ACME_USER,
    password: login.password ?? 'salesforce',
  });
  const approvalHtml = await approval.text();
  const decided = await postForm(`${emu.url}/services/oauth2/authorize/decision`, {
    pending: hiddenField(approvalHtml, 'pending'),
    decision: login.decision ?? 'allow',
  });
  if (decided.status !== 302) throw new Error(`decision status ${decided.status}`);
  return new URL(decided.headers.get('location') ?? '');
}

/** POSTs a form to the token endpoint as a client would; answers its status and JSON body. */
export async function postToken(
  emu: RunningEmulator,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  const res = await postForm(`${emu.url}/services/oauth2/token`, form);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

/** The authorization_code grant of the default app for `code`, with the PKCE verifier. */
export function codeForm(code: string, verifier: string): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    client_id: DEFAULT_APP.clientId,
    client_secret: DEFAULT_APP.clientSecret,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  };
}

export function oauth2For(emu: RunningEmulator): OAuth2 {
  return new OAuth2({
    loginUrl: emu.url,
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    redirectUri: CALLBACK,
    useVerifier: true,
  });
}

/** Full web-server flow with PKCE through jsforce: returns an authorized Connection. */
export async function connectAs(emu: RunningEmulator, username = ACME_USER): Promise<Connection> {
  const oauth2 = oauth2For(emu);
  const authorizeUrl = oauth2.getAuthorizationUrl({ scope: 'api refresh_token id', state: 'xyz' });
  const redirect = await browserAuthorize(emu, { authorizeUrl, username });
  const conn = new Connection({ oauth2, version: VERSION });
  await conn.authorize(redirect.searchParams.get('code') ?? '');
  return conn;
}

export async function rest(
  emu: RunningEmulator,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${emu.url}/services/data/v${VERSION}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
}
