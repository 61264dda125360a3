import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import {
  deliverCallback,
  outcomeOf,
  signInAtSalesforce,
  startOAuth,
  useSetUp,
} from '../../../test/salesforce-sign-in.ts';

// Starting Set up (login host, one-time state, PKCE, redirect mode), and the callbacks that must
// change nothing: a denied consent, a replayed, forged or expired state, or one started by another
// organization.

const ctx = useTestContext();
const ACME_USER = 'integration.user@acme.example';

const connectAs = useSetUp(ctx);

describe('GET /api/integrations/salesforce/oauth/start', () => {
  it('redirects to the chosen login host with a one-time state and a PKCE S256 challenge', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const url = new URL(await startOAuth(admin));
    expect(url.origin).toBe(ctx.emulator.url);
    expect(url.pathname).toBe('/services/oauth2/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    const stored = await ctx.db.oAuthState.findMany();
    expect(stored.map((s) => s.id)).not.toContain(url.searchParams.get('state'));
  });

  it.each([
    ['an unknown login host', { loginHost: 'somewhere' }],
    ['a plain-http My Domain', { loginHost: 'http://acme.my.salesforce.com' }],
    ['a non-Salesforce host', { loginHost: 'https://acme.evil.example' }],
    ['an unknown purpose', { loginHost: 'emulator', purpose: 'steal' }],
    ['an unknown parameter', { loginHost: 'emulator', extra: '1' }],
  ])('answers 400 for %s and stores no state', async (_name, query) => {
    const admin = await ctx.loginAs('admin@demo.test');
    const before = await ctx.db.oAuthState.count();
    const res = await admin.get('/api/integrations/salesforce/oauth/start').query(query).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(await ctx.db.oAuthState.count()).toBe(before);
  });

  it('accepts a https My Domain URL', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const url = await startOAuth(admin, { loginHost: 'https://acme.my.salesforce.com' });
    expect(url).toMatch(/^https:\/\/acme\.my\.salesforce\.com\/services\/oauth2\/authorize\?/);
  });

  it('refuses to start from another site', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await admin
      .get('/api/integrations/salesforce/oauth/start?loginHost=emulator')
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
  });
});

describe('GET /api/integrations/salesforce/oauth/callback', () => {
  it('a denied consent shows the message and stores nothing', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const callback = await signInAtSalesforce(await startOAuth(admin), {
      username: ACME_USER,
      decision: 'deny',
    });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await deliverCallback(admin, callback).expect(200);
    expect(outcomeOf(res.text)).toBe('denied');
    expect(res.text).toContain('Salesforce sign-in was cancelled, so nothing was changed.');
    expect(await ctx.db.oAuthToken.count()).toBe(0);
  });

  it('a replayed callback is rejected and changes nothing', async () => {
    const { admin, callback } = await connectAs(ACME_USER);
    const before = await ctx.db.oAuthToken.findMany();
    const replay = await deliverCallback(admin, callback).expect(200);
    expect(outcomeOf(replay.text)).toBe('invalid_state');
    expect(await ctx.db.oAuthToken.findMany()).toEqual(before);
  });

  it('a forged state is rejected', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const callback = await signInAtSalesforce(await startOAuth(admin), { username: ACME_USER });
    callback.searchParams.set('state', 'forged-state-value');
    expect(outcomeOf((await deliverCallback(admin, callback)).text)).toBe('invalid_state');
    expect(await ctx.db.oAuthToken.count()).toBe(0);
  });

  it('an expired state is rejected', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const callback = await signInAtSalesforce(await startOAuth(admin), { username: ACME_USER });
    await ctx.db.oAuthState.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(outcomeOf((await deliverCallback(admin, callback)).text)).toBe('invalid_state');
    expect(await ctx.db.oAuthToken.count()).toBe(0);
  });

  it('a state started by one organization cannot complete for another', async () => {
    const otherOrg = await ctx.orgId('Other Org');
    await ctx.db.featureFlag.update({
      where: { organizationId_key: { organizationId: otherOrg, key: 'integrations' } },
      data: { enabled: true },
    });
    try {
      const admin = await ctx.loginAs('admin@demo.test');
      const callback = await signInAtSalesforce(await startOAuth(admin), { username: ACME_USER });
      const otherAdmin = await ctx.loginAs('admin@other.test');
      expect(outcomeOf((await deliverCallback(otherAdmin, callback)).text)).toBe('invalid_state');
      expect(await ctx.db.oAuthToken.count()).toBe(0);
    } finally {
      await ctx.db.featureFlag.update({
        where: { organizationId_key: { organizationId: otherOrg, key: 'integrations' } },
        data: { enabled: false },
      });
    }
  });

  it('in redirect mode sends the browser back to the Integrations page', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const authorizeUrl = await startOAuth(admin, { loginHost: 'emulator', mode: 'redirect' });
    const callback = await signInAtSalesforce(authorizeUrl, { username: ACME_USER });
    const res = await deliverCallback(admin, callback).expect(302);
    expect(res.headers.location).toBe('/admin/integrations?salesforce=connected');
  });
});
