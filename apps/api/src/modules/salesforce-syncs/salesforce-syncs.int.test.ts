import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { runPoll } from '../../sync/run-poll.ts';

const ctx = useTestContext();
const BASE = '/api/integrations/salesforce/syncs';
let admin: request.Agent;
let demoOrg: string;

beforeAll(async () => {
  demoOrg = await ctx.orgId('Demo Org');
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

beforeEach(async () => {
  await ctx.db.objectSync.deleteMany();
});

describe('POST /api/integrations/salesforce/syncs', () => {
  it('adds an object disabled, with no method yet', async () => {
    const res = await admin.post(BASE).send({ object: 'Contact' }).expect(201);
    expect(res.body).toMatchObject({
      object: 'Contact',
      method: null,
      intervalMinutes: null,
      enabled: false,
      status: 'active',
    });
    expect((await admin.get(BASE).expect(200)).body.syncs).toHaveLength(1);
    expect(await ctx.db.auditEvent.count({ where: { action: 'salesforce.sync_added' } })).toBeGreaterThan(0);
  });

  it('allows one sync per object per organization', async () => {
    await admin.post(BASE).send({ object: 'Lead' }).expect(201);
    const res = await admin.post(BASE).send({ object: 'Lead' }).expect(409);
    expect(res.body.error.issues).toEqual([{ path: 'object', message: 'already added' }]);
    expect(await ctx.db.objectSync.count()).toBe(1);
  });

  it.each([
    ['an unknown object', { object: 'Account' }],
    ['a lower-case object', { object: 'contact' }],
    ['a missing object', {}],
    ['an unknown key', { object: 'Contact', method: 'REST' }],
  ])('refuses %s with 400 naming the field', async (_name, body) => {
    const res = await admin.post(BASE).send(body).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(await ctx.db.objectSync.count()).toBe(0);
  });
});

describe('PATCH /api/integrations/salesforce/syncs/:object', () => {
  beforeEach(async () => {
    await admin.post(BASE).send({ object: 'Contact' }).expect(201);
  });

  it('saves REST Polling every 15 minutes, then enables it', async () => {
    await admin.patch(`${BASE}/Contact`).send({ method: 'REST', intervalMinutes: 15 }).expect(200);
    const res = await admin.patch(`${BASE}/Contact`).send({ enabled: true }).expect(200);
    expect(res.body).toMatchObject({ method: 'REST', intervalMinutes: 15, enabled: true, status: 'active' });
  });

  it('switching to CDC drops the interval', async () => {
    await admin.patch(`${BASE}/Contact`).send({ method: 'REST', intervalMinutes: 5 }).expect(200);
    const res = await admin.patch(`${BASE}/Contact`).send({ method: 'CDC' }).expect(200);
    expect(res.body).toMatchObject({ method: 'CDC', intervalMinutes: null });
  });

  it.each([
    ['an interval that is not 5, 10, 15 or 30', { method: 'REST', intervalMinutes: 7 }, 'intervalMinutes'],
    ['REST without an interval', { method: 'REST' }, 'intervalMinutes'],
    ['an interval with CDC', { method: 'CDC', intervalMinutes: 5 }, 'intervalMinutes'],
    ['enabling before a method is chosen', { enabled: true }, 'enabled'],
    ['an unknown method', { method: 'SOAP' }, 'method'],
    ['a string for enabled', { enabled: 'yes' }, 'enabled'],
    ['an unknown key', { cursor: '2020-01-01' }, ''],
  ])('refuses %s with 400 naming the field and changes nothing', async (_name, body, field) => {
    const before = await ctx.db.objectSync.findMany();
    const res = await admin.patch(`${BASE}/Contact`).send(body).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await ctx.db.objectSync.findMany()).toEqual(before);
  });

  it('answers 404 for an object that is not synced, and 400 for one that does not exist', async () => {
    await admin.patch(`${BASE}/Lead`).send({ method: 'CDC' }).expect(404);
    await admin.patch(`${BASE}/Account`).send({ method: 'CDC' }).expect(400);
  });

  it('a save closes a tripped circuit breaker', async () => {
    await ctx.db.objectSync.updateMany({
      data: { status: 'ERROR', consecutiveFailures: 5, lastError: 'boom' },
    });
    const res = await admin
      .patch(`${BASE}/Contact`)
      .send({ method: 'REST', intervalMinutes: 10 })
      .expect(200);
    expect(res.body.status).toBe('active');
    expect((await ctx.db.objectSync.findFirstOrThrow()).consecutiveFailures).toBe(0);
  });
});

describe('POST /api/integrations/salesforce/syncs/:object/test', () => {
  it('passes for REST on Acme, saying what was checked', async () => {
    await admin.post(BASE).send({ object: 'Contact' }).expect(201);
    await admin.patch(`${BASE}/Contact`).send({ method: 'REST', intervalMinutes: 15 }).expect(200);
    const res = await admin.post(`${BASE}/Contact/test`).send({}).expect(200);
    expect(res.body).toEqual({
      ok: true,
      message: 'Salesforce is reachable and Contact can be read (250 records), so REST Polling will work.',
    });
  });

  it('passes for CDC on Acme, where Change Data Capture is selected for Lead', async () => {
    await admin.post(BASE).send({ object: 'Lead' }).expect(201);
    await admin.patch(`${BASE}/Lead`).send({ method: 'CDC' }).expect(200);
    const res = await admin.post(`${BASE}/Lead/test`).send({}).expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.message).toContain('Change Data Capture is enabled for Lead');
  });

  it('a passing test closes the circuit breaker; a failing one says why', async () => {
    await admin.post(BASE).send({ object: 'Contact' }).expect(201);
    await admin.patch(`${BASE}/Contact`).send({ method: 'REST', intervalMinutes: 15 }).expect(200);
    await ctx.db.objectSync.updateMany({ data: { status: 'ERROR', consecutiveFailures: 5 } });
    await ctx.emulator.control.failNextRequests(10, 503);
    const failed = await admin.post(`${BASE}/Contact/test`).send({}).expect(200);
    expect(failed.body).toEqual({
      ok: false,
      message: 'Salesforce could not be reached: test again in a few minutes.',
    });
    expect((await ctx.db.objectSync.findFirstOrThrow()).status).toBe('ERROR');
    await ctx.emulator.control.clearFaults();
    await admin.post(`${BASE}/Contact/test`).send({}).expect(200);
    expect((await ctx.db.objectSync.findFirstOrThrow()).status).toBe('ACTIVE');
  });
});

describe('GET /api/integrations/salesforce/syncs', () => {
  it('shows the record count, the last successful sync and the recent runs once the sync has run', async () => {
    await admin.post(BASE).send({ object: 'Lead' }).expect(201);
    const fresh = (
      await admin.patch(`${BASE}/Lead`).send({ method: 'REST', intervalMinutes: 30, enabled: true })
    ).body;
    expect(fresh).toMatchObject({ recordCount: null, lastSuccessAt: null, progress: null, recentRuns: [] });
    await runPoll(ctx.deps, (await ctx.db.objectSync.findFirstOrThrow()).id);
    const [lead] = (await admin.get(BASE).expect(200)).body.syncs;
    expect(lead).toMatchObject({ recordCount: 120, progress: null, status: 'active' });
    expect(lead.lastSuccessAt).not.toBeNull();
    expect(lead.recentRuns).toEqual([
      expect.objectContaining({ kind: 'full', outcome: 'succeeded', upserted: 120 }),
    ]);
  });
});

describe('POST /api/integrations/salesforce/syncs/:object/retry', () => {
  it('brings an Error sync back to active and leaves others alone', async () => {
    await admin.post(BASE).send({ object: 'Contact' }).expect(201);
    await ctx.db.objectSync.updateMany({
      data: { status: 'ERROR', consecutiveFailures: 5, lastError: 'transient: 503' },
    });
    const res = await admin.post(`${BASE}/Contact/retry`).send({}).expect(200);
    expect(res.body).toMatchObject({ status: 'active', lastError: 'transient: 503' });
    expect((await ctx.db.objectSync.findFirstOrThrow()).consecutiveFailures).toBe(0);
    await ctx.db.objectSync.updateMany({ data: { status: 'PAUSED' } });
    expect((await admin.post(`${BASE}/Contact/retry`).send({}).expect(200)).body.status).toBe('paused');
  });
});

describe('DELETE /api/integrations/salesforce/syncs/:object', () => {
  it('removes the sync and every campaign data source linked to it', async () => {
    await admin.post(BASE).send({ object: 'Lead' }).expect(201);
    const sync = await ctx.db.objectSync.findFirstOrThrow();
    await ctx.db.campaignDataSource.createMany({
      data: ['c1', 'c2'].map((campaignId) => ({
        organizationId: demoOrg,
        campaignId,
        objectSyncId: sync.id,
      })),
    });
    expect((await admin.get(BASE)).body.syncs[0].dataSourceCount).toBe(2);
    const record = {
      organizationId: demoOrg,
      id: '00Q000000000001AAA',
      fields: {},
      systemModstamp: new Date(),
    };
    await ctx.db.salesforceRecord.createMany({
      data: [
        { ...record, object: 'LEAD', seq: 1 },
        { ...record, object: 'CONTACT', id: '003000000000001AAA', seq: 2 },
      ],
    });
    const res = await admin.delete(`${BASE}/Lead`).expect(200);
    expect(res.body).toEqual({ removedDataSources: 2 });
    expect(await ctx.db.campaignDataSource.count()).toBe(0);
    expect((await ctx.db.salesforceRecord.findMany()).map((r) => r.object)).toEqual(['CONTACT']);
    await ctx.db.salesforceRecord.deleteMany();
    expect((await admin.get(BASE)).body.syncs).toEqual([]);
    await admin.delete(`${BASE}/Lead`).expect(404);
  });
});

describe('syncs across the connection lifecycle', () => {
  it('with Globex connected (Professional Edition), a CDC test explains CDC is not available', async () => {
    await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
    await connectSalesforce(admin, 'admin@globex.example');
    try {
      await admin.post(BASE).send({ object: 'Lead' }).expect(201);
      await admin.patch(`${BASE}/Lead`).send({ method: 'CDC' }).expect(200);
      const res = await admin.post(`${BASE}/Lead/test`).send({}).expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.message).toContain('Change Data Capture is not available in Professional Edition');
      expect(res.body.message).toContain('Use REST Polling instead.');
    } finally {
      await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
      await connectSalesforce(admin, 'integration.user@acme.example');
    }
  });

  it('refuses to turn CDC on in an org without it (Globex, Professional): 400 on the field, nothing stored', async () => {
    await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
    await connectSalesforce(admin, 'admin@globex.example');
    try {
      await admin.post(BASE).send({ object: 'Lead' }).expect(201);
      await admin
        .patch(`${BASE}/Lead`)
        .send({ method: 'REST', intervalMinutes: 15, enabled: true })
        .expect(200);
      const before = await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'LEAD' } });
      const message =
        'Change Data Capture is not available for Lead in this Salesforce org: it needs Enterprise Edition or higher with Lead selected in Setup > Change Data Capture; use REST Polling';
      for (const body of [{ method: 'CDC' }, { method: 'CDC', intervalMinutes: null, enabled: true }]) {
        const res = await admin.patch(`${BASE}/Lead`).send(body).expect(400);
        expect(res.body.error).toEqual({
          code: 'bad_request',
          message,
          issues: [{ path: 'method', message }],
        });
      }
      // A disabled sync may hold CDC (the Test button explains it); turning it on is refused.
      await admin.patch(`${BASE}/Lead`).send({ enabled: false }).expect(200);
      await admin.patch(`${BASE}/Lead`).send({ method: 'CDC' }).expect(200);
      await admin.patch(`${BASE}/Lead`).send({ enabled: true }).expect(400);
      const after = await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'LEAD' } });
      expect({ method: after.method, enabled: after.enabled }).toEqual({ method: 'CDC', enabled: false });
      expect(before.updatedAt < after.updatedAt).toBe(true);
      const audits = await ctx.db.auditEvent.findMany({ where: { action: 'salesforce.sync_changed' } });
      expect(
        audits.filter(
          (a) =>
            (a.details as { method?: string }).method === 'CDC' &&
            (a.details as { enabled?: boolean }).enabled,
        ),
      ).toEqual([]);
    } finally {
      await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
      await connectSalesforce(admin, 'integration.user@acme.example');
    }
  });

  it('Disconnect pauses the syncs with their settings; Set up again makes them active', async () => {
    await admin.post(BASE).send({ object: 'Contact' }).expect(201);
    await admin
      .patch(`${BASE}/Contact`)
      .send({ method: 'REST', intervalMinutes: 15, enabled: true })
      .expect(200);
    await admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);
    const paused = (await admin.get(BASE)).body.syncs[0];
    expect(paused).toMatchObject({ status: 'paused', method: 'REST', intervalMinutes: 15, enabled: true });
    await admin.post(BASE).send({ object: 'Lead' }).expect(201);
    expect((await admin.get(BASE)).body.syncs[1].status).toBe('paused');
    await connectSalesforce(admin, 'integration.user@acme.example');
    const syncs = (await admin.get(BASE)).body.syncs;
    expect(syncs.map((s: { status: string }) => s.status)).toEqual(['active', 'active']);
    expect(syncs[0]).toMatchObject({ method: 'REST', intervalMinutes: 15, enabled: true });
  });
});
