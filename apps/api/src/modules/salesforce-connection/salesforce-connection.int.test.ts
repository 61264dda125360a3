import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { outcomeOf, useSetUp } from '../../../test/salesforce-sign-in.ts';
import { TOKEN_SETTING_KEY } from './connection-store.ts';

// What Set up, Reset Token and Disconnect store and remove. Starting Set up, the redirect mode and
// the callbacks that must change nothing are in oauth-state.int.test.ts.

const ctx = useTestContext();
const ACME_USER = 'integration.user@acme.example';
let demoOrg: string;

beforeAll(async () => {
  demoOrg = await ctx.orgId('Demo Org');
});

const connectAs = useSetUp(ctx);

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
