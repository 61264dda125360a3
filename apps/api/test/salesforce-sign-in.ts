import { buildAuthorizeUrl, createPkcePair, exchangeCode, getIdentity } from '@ch/salesforce';
import type request from 'supertest';
import { beforeAll, beforeEach } from 'vitest';
import type { Deps } from '../src/deps.ts';
import { saveConnection } from '../src/modules/salesforce-connection/connection-store.ts';
import type { TestContext } from './context.ts';

/**
 * Plays the person in the Salesforce window: follows the authorize URL to the emulator's login
 * form, signs in, answers the approval page, and returns where Salesforce redirects the browser.
 */
export async function signInAtSalesforce(
  authorizeUrl: string,
  options: { username: string; password?: string; decision?: 'allow' | 'deny' },
): Promise<URL> {
  const loginPage = await fetch(authorizeUrl);
  const login = await submit(authorizeUrl, await loginPage.text(), {
    username: options.username,
    password: options.password ?? 'salesforce',
  });
  const approval = await login.text();
  const decided = await submit(login.url, approval, { decision: options.decision ?? 'allow' });
  const location = decided.headers.get('location');
  if (decided.status !== 302 || !location) throw new Error(`expected a redirect, got ${decided.status}`);
  return new URL(location);
}

async function submit(pageUrl: string, html: string, fields: Record<string, string>): Promise<Response> {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the page: ${html.slice(0, 300)}`);
  const body = new URLSearchParams(fields);
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    body.set(name!, value!);
  }
  return fetch(new URL(action, pageUrl), { method: 'POST', body, redirect: 'manual' });
}

/** Starts Set up (or Reset Token) as the agent and returns the authorize URL it redirects to. */
export async function startOAuth(
  agent: request.Agent,
  query: Record<string, string> = { loginHost: 'emulator' },
): Promise<string> {
  const res = await agent.get('/api/integrations/salesforce/oauth/start').query(query);
  if (res.status !== 302) throw new Error(`start answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.headers.location!;
}

/** Delivers Salesforce's redirect to our callback through the agent (its session cookie). */
export function deliverCallback(agent: request.Agent, callback: URL): request.Test {
  return agent.get(`${callback.pathname}${callback.search}`);
}

/** The outcome the callback page reports: 'connected', 'reset', 'denied', 'invalid_state', ... */
export const outcomeOf = (html: string): string | undefined => /"outcome":"(\w+)"/.exec(html)?.[1];

/** The whole Set up round trip for an admin agent; resolves when the connection is stored. */
export async function connectSalesforce(
  agent: request.Agent,
  username: string,
  purpose: 'connect' | 'reset' = 'connect',
): Promise<void> {
  const callback = await signInAtSalesforce(await startOAuth(agent, { loginHost: 'emulator', purpose }), {
    username,
  });
  const outcome = outcomeOf((await deliverCallback(agent, callback)).text);
  if (outcome !== 'connected' && outcome !== 'reset' && outcome !== 'org_switched') {
    throw new Error(`Set up ended with ${outcome}`);
  }
}

/**
 * For tests of Set up itself: each test starts disconnected, with no syncs. Returns `connectAs`,
 * which runs Set up (or Reset Token) as Demo Org's admin and answers the callback page's response
 * with what led to it.
 */
export function useSetUp(ctx: TestContext) {
  beforeEach(async () => {
    await ctx.db.salesforceAccount.deleteMany();
    await ctx.db.oAuthToken.deleteMany();
    await ctx.db.appSetting.deleteMany();
    await ctx.db.objectSync.deleteMany();
  });
  return async function connectAs(username: string, purpose: 'connect' | 'reset' = 'connect') {
    const admin = await ctx.loginAs('admin@demo.test');
    const authorizeUrl = await startOAuth(admin, { loginHost: 'emulator', purpose });
    const callback = await signInAtSalesforce(authorizeUrl, { username });
    const res = await deliverCallback(admin, callback);
    return { admin, res, callback, authorizeUrl };
  };
}

/**
 * For tests of the syncs endpoints: Demo Org's admin, signed in and connected to acme, is handed
 * to `use` once; each test starts with no syncs.
 */
export function useSyncsAdmin(ctx: TestContext, use: (admin: request.Agent) => void): void {
  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    use(admin);
  });
  beforeEach(async () => {
    await ctx.db.objectSync.deleteMany();
  });
}

/**
 * Set up without the HTTP routes (benchmarks, fidelity worlds): the real code flow at the emulator,
 * then the same `saveConnection` the callback uses.
 */
export async function connectOrganization(
  deps: Deps,
  organizationId: string,
  userId: string,
  options: { loginUrl?: string; username?: string } = {},
): Promise<void> {
  const app = deps.salesforceApp;
  const loginUrl = options.loginUrl ?? app.emulatorUrl!;
  const username = options.username ?? 'integration.user@acme.example';
  const pkce = createPkcePair();
  const authorizeUrl = buildAuthorizeUrl({
    loginUrl,
    clientId: app.clientId,
    redirectUri: app.callbackUrl,
    state: organizationId,
    codeChallenge: pkce.codeChallenge,
  });
  const callback = await signInAtSalesforce(authorizeUrl, { username });
  const tokens = await exchangeCode({
    loginUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: app.callbackUrl,
    code: callback.searchParams.get('code')!,
    codeVerifier: pkce.codeVerifier,
  });
  const identity = await getIdentity({ identityUrl: tokens.identityUrl, accessToken: tokens.accessToken });
  await saveConnection(deps, {
    organizationId,
    userId,
    purpose: 'CONNECT',
    loginUrl,
    tokens: { ...tokens, refreshToken: tokens.refreshToken!, scope: tokens.scope.join(' ') },
    identity: { ...identity, displayName: identity.displayName || null },
  });
}
