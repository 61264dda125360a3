import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { deliverCallback, signInAtSalesforce, startOAuth } from '../../../test/salesforce-sign-in.ts';
import { TOKEN_SETTING_KEY } from './connection-store.ts';

const ctx = useTestContext();
const ACME_USER = 'integration.user@acme.example';
let demoOrg: string;

beforeAll(async () => {
  demoOrg = await ctx.orgId('Demo Org');
});

beforeEach(async () => {
  // Each test starts disconnected, with no syncs.
  await ctx.db.salesforceAccount.deleteMany();
  await ctx.db.oAuthToken.deleteMany();
  await ctx.db.appSetting.deleteMany();
  await ctx.db.objectSync.deleteMany();
});

async function connectAs(username: string, purpose: 'connect' | 'reset' = 'connect') {
  const admin = await ctx.loginAs('admin@demo.test');
  const authorizeUrl = await startOAuth(admin, { loginHost: 'emulator', purpose });
  const callback = await signInAtSalesforce(authorizeUrl, { username });
  const res = await deliverCallback(admin, callback);
  return { admin, res, callback, authorizeUrl };
}

const outcomeOf = (html: string) => /"outcome":"(\w+)"/.exec(html)?.[1];

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
  it('connects: stores the encrypted token, the account, the setting, and shows the Connected card', async () => {
    const { admin, res } = await connectAs(ACME_USER);
    expect(res.status).toBe(200);
    expect(outcomeOf(res.text)).toBe('connected');
    const card = (await admin.get('/api/integrations').expect(200)).body.integrations[0];
    expect(card).toMatchObject({
      status: 'connected',
      connection: { instanceUrl: ctx.emulator.url, username: ACME_USER },
    });
    const token = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    const setting = await ctx.db.appSetting.findFirstOrThrow({
      where: { organizationId: demoOrg, key: TOKEN_SETTING_KEY },
    });
    expect(setting.value).toBe(token.id);
    const issued = await ctx.emulator.control.tokens('acme');
    const access = issued.filter((t) => t.kind === 'access' && !t.revoked).map((t) => t.token);
    expect(access).toContain(ctx.secretBox.open(token.accessTokenEnc));
    expect(token.accessTokenEnc).not.toContain(ctx.secretBox.open(token.accessTokenEnc));
    expect(token.accessTokenEnc).toMatch(/^v1\.test1\./);
    const audit = await ctx.db.auditEvent.findFirst({
      where: { organizationId: demoOrg, action: 'salesforce.connected' },
    });
    expect(audit).not.toBeNull();
  });

  it('GET /api/oauth-tokens lists the token under salesforce without any secret', async () => {
    const { admin } = await connectAs(ACME_USER);
    const res = await admin.get('/api/oauth-tokens').expect(200);
    expect(res.body.tokens).toEqual([
      expect.objectContaining({
        provider: 'salesforce',
        account: { username: ACME_USER, instanceUrl: ctx.emulator.url },
        scopes: expect.arrayContaining(['api', 'refresh_token']),
        status: 'active',
        authorizedBy: 'admin@demo.test',
      }),
    ]);
    for (const issued of await ctx.emulator.control.tokens()) expect(res.text).not.toContain(issued.token);
  });

  it('Reset Token replaces the stored token and leaves the syncs as they were', async () => {
    await connectAs(ACME_USER);
    await ctx.db.objectSync.create({
      data: {
        organizationId: demoOrg,
        object: 'CONTACT',
        method: 'REST',
        intervalMinutes: 15,
        enabled: true,
      },
    });
    const before = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    const syncsBefore = await ctx.db.objectSync.findMany();
    const { res } = await connectAs(ACME_USER, 'reset');
    expect(outcomeOf(res.text)).toBe('reset');
    const after = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    expect(after.id).toBe(before.id);
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(ctx.secretBox.open(after.accessTokenEnc)).not.toBe(ctx.secretBox.open(before.accessTokenEnc));
    expect(await ctx.db.objectSync.findMany()).toEqual(syncsBefore);
    const old = (await ctx.emulator.control.tokens('acme')).find(
      (t) => t.token === ctx.secretBox.open(before.refreshTokenEnc),
    );
    expect(old?.revoked).toBe(true);
  });

  it('Reset Token signed in to a different Salesforce org is refused and keeps the old token', async () => {
    await connectAs(ACME_USER);
    const before = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    const { admin, res } = await connectAs('admin@globex.example', 'reset');
    expect(outcomeOf(res.text)).toBe('different_org');
    expect(await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } })).toEqual(before);
    const card = (await admin.get('/api/integrations')).body.integrations[0];
    expect(card.connection.username).toBe(ACME_USER);
    const globex = await ctx.emulator.control.tokens('globex');
    expect(globex.length).toBeGreaterThan(0);
    expect(globex.every((t) => t.revoked)).toBe(true);
  });

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

describe('POST /api/integrations/salesforce/disconnect', () => {
  it('removes the token, the setting and the account in one go, pauses syncs, and revokes at Salesforce', async () => {
    const { admin } = await connectAs(ACME_USER);
    await ctx.db.objectSync.create({
      data: { organizationId: demoOrg, object: 'LEAD', method: 'CDC', enabled: true },
    });
    const stored = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    const mine = [ctx.secretBox.open(stored.accessTokenEnc), ctx.secretBox.open(stored.refreshTokenEnc)];
    await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
    expect(await ctx.db.oAuthToken.count({ where: { organizationId: demoOrg } })).toBe(0);
    expect(await ctx.db.salesforceAccount.count({ where: { organizationId: demoOrg } })).toBe(0);
    expect(
      await ctx.db.appSetting.count({ where: { organizationId: demoOrg, key: TOKEN_SETTING_KEY } }),
    ).toBe(0);
    const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { organizationId: demoOrg } });
    expect(sync).toMatchObject({ status: 'PAUSED', method: 'CDC', enabled: true });
    const issued = (await ctx.emulator.control.tokens('acme')).filter((t) => mine.includes(t.token));
    expect(issued).toHaveLength(2);
    expect(issued.every((t) => t.revoked)).toBe(true);
    expect((await admin.get('/api/integrations')).body.integrations[0]).toMatchObject({
      status: 'not_connected',
      connection: null,
    });
    expect((await admin.get('/api/oauth-tokens')).body.tokens).toEqual([]);
  });

  it('Set up again resumes the paused syncs with the same settings', async () => {
    const { admin } = await connectAs(ACME_USER);
    await ctx.db.objectSync.create({
      data: { organizationId: demoOrg, object: 'LEAD', method: 'CDC', enabled: true },
    });
    await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
    await connectAs(ACME_USER);
    const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { organizationId: demoOrg } });
    expect(sync).toMatchObject({ status: 'ACTIVE', method: 'CDC', enabled: true });
  });
});
