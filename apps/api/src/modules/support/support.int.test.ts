import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';

const ctx = useTestContext();
let otherOrg: string;
beforeAll(async () => {
  otherOrg = await ctx.orgId('Other Org');
});

describe('PUT /api/support/organizations/:orgId/feature-flags/:key', () => {
  it('turns integrations on for Other Org, its admin then sees the feature, and the audit log records it', async () => {
    const support = await ctx.loginAs('support@demo.test');
    const otherAdmin = await ctx.loginAs('admin@other.test');
    await otherAdmin.get('/api/integrations').expect(404);

    const res = await support
      .put(`/api/support/organizations/${otherOrg}/feature-flags/integrations`)
      .send({ enabled: true });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organizationId: otherOrg, key: 'integrations', enabled: true });

    await otherAdmin.get('/api/integrations').expect(200);
    expect((await otherAdmin.get('/api/auth/me')).body.features).toEqual(['integrations']);

    const audit = await support.get('/api/support/audit-events').expect(200);
    expect(audit.body.events[0]).toMatchObject({
      organizationName: 'Other Org',
      actorEmail: 'support@demo.test',
      actorApiKey: null,
      action: 'feature_flag.updated',
      details: { key: 'integrations', from: false, to: true },
    });

    await support
      .put(`/api/support/organizations/${otherOrg}/feature-flags/integrations`)
      .send({ enabled: false })
      .expect(200);
    await otherAdmin.get('/api/integrations').expect(404);
  });

  it.each([
    ['an unknown flag', 'feature-flags/teleport', { enabled: true }, 400],
    ['a malformed organization id', 'feature-flags/integrations', { enabled: true }, 400, 'not-a-uuid'],
    ['a wrong type', 'feature-flags/integrations', { enabled: 'yes' }, 400],
    ['an unknown key', 'feature-flags/integrations', { enabled: true, extra: 1 }, 400],
    [
      'an organization that does not exist',
      'feature-flags/integrations',
      { enabled: true },
      404,
      '00000000-0000-4000-8000-000000000000',
    ],
  ])(
    'refuses %s with the error shape and changes nothing',
    async (_name, suffix, body, status, org?: string) => {
      const support = await ctx.loginAs('support@demo.test');
      const flagsBefore = await ctx.db.featureFlag.findMany({ orderBy: { organizationId: 'asc' } });
      const auditBefore = await ctx.db.auditEvent.count();
      const res = await support.put(`/api/support/organizations/${org ?? otherOrg}/${suffix}`).send(body);
      expect(res.status).toBe(status);
      expect(res.body.error).toEqual(
        expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      );
      expect(await ctx.db.featureFlag.findMany({ orderBy: { organizationId: 'asc' } })).toEqual(flagsBefore);
      expect(await ctx.db.auditEvent.count()).toBe(auditBefore);
    },
  );
});

describe('GET /api/support/organizations', () => {
  it('lists every organization with each flag', async () => {
    const support = await ctx.loginAs('support@demo.test');
    const res = await support.get('/api/support/organizations').expect(200);
    expect(res.body.organizations).toEqual([
      expect.objectContaining({ name: 'Demo Org', featureFlags: [{ key: 'integrations', enabled: true }] }),
      expect.objectContaining({ name: 'Other Org', featureFlags: [{ key: 'integrations', enabled: false }] }),
    ]);
  });

  it("counts the syncs an organization's flag being off holds paused, none once it is on", async () => {
    const support = await ctx.loginAs('support@demo.test');
    const other = await ctx.orgId('Other Org');
    const flag = { where: { organizationId: other, key: 'integrations' } };
    await ctx.db.featureFlag.updateMany({ ...flag, data: { enabled: false } });
    await ctx.db.objectSync.createMany({
      data: [
        { organizationId: other, object: 'CONTACT', method: 'CDC', enabled: true },
        { organizationId: other, object: 'LEAD' }, // off: nothing to pause
      ],
    });
    try {
      const paused = (await support.get('/api/support/organizations').expect(200)).body.organizations;
      expect(paused).toEqual([
        expect.objectContaining({ name: 'Demo Org', pausedSyncs: 0 }),
        expect.objectContaining({ name: 'Other Org', pausedSyncs: 1 }),
      ]);
      await support
        .put(`/api/support/organizations/${other}/feature-flags/integrations`)
        .send({ enabled: true });
      const resumed = (await support.get('/api/support/organizations').expect(200)).body.organizations;
      expect(resumed).toContainEqual(expect.objectContaining({ name: 'Other Org', pausedSyncs: 0 }));
    } finally {
      await ctx.db.objectSync.deleteMany({ where: { organizationId: other } });
      await ctx.db.featureFlag.updateMany({ ...flag, data: { enabled: false } });
    }
  });
});
