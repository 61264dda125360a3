import { isSalesforceError } from '@ch/salesforce';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { deliverCallback, signInAtSalesforce, startOAuth } from '../../../test/salesforce-sign-in.ts';
import { coordinateRefresh, REFRESH_CLAIM_KEY } from '../../salesforce/token-refresh.ts';
import { withSalesforce } from '../../salesforce/with-salesforce.ts';

const ctx = useTestContext();
let demoOrg: string;

beforeAll(async () => {
  demoOrg = await ctx.orgId('Demo Org');
  const admin = await ctx.loginAs('admin@demo.test');
  const callback = await signInAtSalesforce(await startOAuth(admin), {
    username: 'integration.user@acme.example',
  });
  await deliverCallback(admin, callback).expect(200);
  await ctx.db.objectSync.create({
    data: { organizationId: demoOrg, object: 'CONTACT', method: 'REST', intervalMinutes: 5, enabled: true },
  });
});

describe('the stored Salesforce token', () => {
  it('is refreshed transparently after the access token expires, and the new one is stored encrypted', async () => {
    const before = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    await ctx.emulator.control.expireAccessTokens({ org: 'acme' });
    const contacts = await withSalesforce(ctx.deps, demoOrg, (client) => client.count('Contact'));
    expect(contacts).toBe(250);
    const after = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    expect(after.refreshedAt).not.toBeNull();
    expect(ctx.secretBox.open(after.accessTokenEnc)).not.toBe(ctx.secretBox.open(before.accessTokenEnc));
    expect(ctx.secretBox.open(after.refreshTokenEnc)).toBe(ctx.secretBox.open(before.refreshTokenEnc));
  });

  it('is refreshed once when many requests hit an expired token at the same moment', async () => {
    await ctx.emulator.control.expireAccessTokens({ org: 'acme' });
    const accessBefore = (await ctx.emulator.control.tokens('acme')).filter(
      (t) => t.kind === 'access',
    ).length;
    // Separate clients, as separate workers would have, all holding the same expired token.
    const counts = await Promise.all(
      Array.from({ length: 4 }, () => withSalesforce(ctx.deps, demoOrg, (client) => client.count('Lead'))),
    );
    expect(counts).toEqual([120, 120, 120, 120]);
    const accessAfter = (await ctx.emulator.control.tokens('acme')).filter((t) => t.kind === 'access').length;
    expect(accessAfter - accessBefore).toBe(1);
  });

  it('holds no database transaction open while Salesforce answers the refresh', async () => {
    const token = await ctx.db.oAuthToken.findFirstOrThrow({ where: { organizationId: demoOrg } });
    const access = ctx.secretBox.open(token.accessTokenEnc);
    let openDuringGrant: number | undefined;
    // The grant stands in for the HTTP call: while it waits, what does the database hold open?
    const tokens = await coordinateRefresh(ctx.deps, token)(access, async () => {
      const [open] = await ctx.db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
      openDuringGrant = open?.n;
      return { accessToken: access };
    });
    expect(openDuringGrant).toBe(0);
    expect(tokens.accessToken).toBe(access);
    // The claim is gone once the tokens are stored.
    expect(
      await ctx.db.appSetting.count({ where: { organizationId: demoOrg, key: REFRESH_CLAIM_KEY } }),
    ).toBe(0);
  });

  it('never appears in plain text in any table or log line', async () => {
    const issued = (await ctx.emulator.control.tokens()).map((t) => t.token);
    expect(issued.length).toBeGreaterThan(2);
    const tables = await ctx.db.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await ctx.db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
      );
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain('salesforce');
    const logs = ctx.logs.join('\n');
    for (const token of issued) {
      expect(dump).not.toContain(token);
      expect(logs).not.toContain(token);
    }
  });

  it('a refused refresh puts the card in the reconnect state and pauses the syncs', async () => {
    await ctx.emulator.control.revokeRefreshTokens({ org: 'acme' });
    await ctx.emulator.control.expireAccessTokens({ org: 'acme' });
    const error = await withSalesforce(ctx.deps, demoOrg, (client) => client.count('Contact')).catch(
      (e: unknown) => e,
    );
    expect(isSalesforceError(error) && error.kind).toBe('auth_revoked');
    const admin = await ctx.loginAs('admin@demo.test');
    const card = (await admin.get('/api/integrations').expect(200)).body.integrations[0];
    expect(card.status).toBe('needs_reconnect');
    expect((await ctx.db.objectSync.findFirstOrThrow({ where: { organizationId: demoOrg } })).status).toBe(
      'PAUSED',
    );
    expect(await ctx.db.auditEvent.count({ where: { action: 'salesforce.reconnect_needed' } })).toBe(1);

    // Reset Token brings it back and resumes the syncs.
    const callback = await signInAtSalesforce(
      await startOAuth(admin, { loginHost: 'emulator', purpose: 'reset' }),
      {
        username: 'integration.user@acme.example',
      },
    );
    await deliverCallback(admin, callback).expect(200);
    expect((await admin.get('/api/integrations')).body.integrations[0].status).toBe('connected');
    expect((await ctx.db.objectSync.findFirstOrThrow({ where: { organizationId: demoOrg } })).status).toBe(
      'ACTIVE',
    );
  });
});
