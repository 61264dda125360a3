import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { useSyncsAdmin } from '../../../test/salesforce-sign-in.ts';
import { runPoll } from '../../sync/run-poll.ts';

// Adding, changing, listing, retrying and removing syncs. What the connected org decides (the
// Test button, CDC availability, Disconnect) is in salesforce-syncs-org.int.test.ts.

const ctx = useTestContext();
const BASE = '/api/integrations/salesforce/syncs';
let admin: request.Agent;
let demoOrg: string;

beforeAll(async () => {
  demoOrg = await ctx.orgId('Demo Org');
});
useSyncsAdmin(ctx, (agent) => {
  admin = agent;
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
