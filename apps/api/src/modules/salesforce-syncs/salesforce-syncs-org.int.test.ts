import type request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce, useSyncsAdmin } from '../../../test/salesforce-sign-in.ts';

// What the connected org decides for a sync: the Test button's verdict, whether CDC may be turned
// on (Globex is Professional Edition), and what Disconnect and Set up again do to the syncs.

const ctx = useTestContext();
const BASE = '/api/integrations/salesforce/syncs';
let admin: request.Agent;

useSyncsAdmin(ctx, (agent) => {
  admin = agent;
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
