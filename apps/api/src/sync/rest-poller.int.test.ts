import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import { freshRestContacts } from '../../test/sync-support.ts';
import { forgetQuotaChecks } from '../salesforce/quota.ts';
import { startEngine } from './engine.ts';
import { runPoll } from './run-poll.ts';

const ctx = useTestContext();
const SYNCS = '/api/integrations/salesforce/syncs';
let admin: request.Agent;
let syncId: string;
// The workers' patient back-off, shortened: these tests inject failures on purpose.
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };

async function localContacts() {
  const rows = await ctx.db.salesforceRecord.findMany({ where: { object: 'CONTACT', deleted: false } });
  return new Map(rows.map((row) => [row.id, row.fields as Record<string, unknown>]));
}

async function truthContacts() {
  const rows = await ctx.emulator.control.records('acme', 'Contact');
  return new Map(rows.filter((r) => r.IsDeleted !== true).map((r) => [String(r.Id), r]));
}

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

beforeEach(async () => {
  syncId = await freshRestContacts(ctx, admin);
});

describe('REST polling', () => {
  it('the first run loads every record with its fields, then polls changes: creates, updates, deletes', async () => {
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const loaded = await localContacts();
    const truth = await truthContacts();
    expect(loaded.size).toBe(truth.size);
    const [id, sample] = [...truth.entries()][0]!;
    expect(loaded.get(id)).toMatchObject({ Id: id, LastName: sample.LastName, Email: sample.Email });
    let sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
    expect(sync).toMatchObject({
      fullLoadTotal: truth.size,
      fullLoadDone: truth.size,
      consecutiveFailures: 0,
    });
    expect(sync.fullLoadCompletedAt).not.toBeNull();

    const { results } = await ctx.emulator.control.createRecords('acme', 'Contact', [
      { LastName: 'Newcomer', Email: 'new@acme.example' },
    ]);
    await ctx.emulator.control.updateRecords('acme', 'Contact', [{ Id: id, Phone: '+1 415 555 0199' }]);
    const [, doomed] = [...truth.keys()];
    await ctx.emulator.control.deleteRecords('acme', 'Contact', [doomed!]);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const after = await localContacts();
    expect(after.get(results[0]!.id!)).toMatchObject({ LastName: 'Newcomer' });
    expect(after.get(id)).toMatchObject({ Phone: '+1 415 555 0199' });
    expect(after.has(doomed!)).toBe(false);
    expect(await ctx.db.salesforceRecord.findFirst({ where: { id: doomed!, deleted: true } })).not.toBeNull();

    const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { id: 'asc' } });
    expect(runs.map((r) => [r.kind, r.outcome])).toEqual([
      ['FULL', 'SUCCEEDED'],
      ['INCREMENTAL', 'SUCCEEDED'],
    ]);
    sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
    expect(sync.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);
  });

  it('an incremental poll with no changes costs one API call and changes nothing', async () => {
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const before = await ctx.db.salesforceRecord.aggregate({ _max: { seq: true } });
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const last = await ctx.db.syncRun.findFirstOrThrow({
      where: { objectSyncId: syncId },
      orderBy: { id: 'desc' },
    });
    expect(last).toMatchObject({
      kind: 'INCREMENTAL',
      outcome: 'SUCCEEDED',
      apiCalls: 1,
      upserted: 0,
      deleted: 0,
    });
    expect((await ctx.db.salesforceRecord.aggregate({ _max: { seq: true } }))._max.seq).toBe(before._max.seq);
  });

  it('a full load that fails mid-way resumes after the last committed page', async () => {
    await ctx.emulator.control.setBatchSize('acme', 200);
    try {
      // The count and the first two pages succeed, then every query page fails.
      await ctx.emulator.control.failNextRequests(100, 503, '/query/');
      await runPoll(ctx.deps, syncId, FAST_RETRY);
      const halfway = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
      expect(halfway.fullLoadCompletedAt).toBeNull();
      expect(halfway.fullLoadDone).toBe(200);
      expect(halfway.consecutiveFailures).toBe(1);
      await ctx.emulator.control.clearFaults();
      await runPoll(ctx.deps, syncId, FAST_RETRY);
      expect((await localContacts()).size).toBe((await truthContacts()).size);
      const fullRuns = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId, kind: 'FULL' } });
      expect(fullRuns.map((r) => r.upserted)).toEqual([200, (await truthContacts()).size - 200]);
    } finally {
      await ctx.emulator.control.clearFaults();
      await ctx.emulator.control.setBatchSize('acme', null);
    }
  }, 60_000);

  it('five failures in a row trip the circuit breaker; a save closes it', async () => {
    await ctx.emulator.control.failNextRequests(1000, 500);
    try {
      for (let i = 0; i < 5; i++) {
        await ctx.db.objectSync.updateMany({ where: { id: syncId }, data: { nextRunAt: null } });
        await runPoll(ctx.deps, syncId, FAST_RETRY);
      }
      const tripped = (await admin.get(SYNCS)).body.syncs[0];
      expect(tripped.status).toBe('error');
      expect(tripped.lastError).toMatch(/transient/);
      await runPoll(ctx.deps, syncId, FAST_RETRY);
      expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId } })).toBe(5);
    } finally {
      await ctx.emulator.control.clearFaults();
    }
    await admin.patch(`${SYNCS}/Contact`).send({ enabled: true }).expect(200);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    expect((await admin.get(SYNCS)).body.syncs[0].status).toBe('active');
  }, 120_000);

  it('after longer than the recycle bin keeps deletions, a full resync finds the purged records', async () => {
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const [gone] = [...(await truthContacts()).keys()];
    await ctx.emulator.control.deleteRecords('acme', 'Contact', [gone!]);
    // Sixteen days pass at Salesforce (the deletion is purged) and since our last successful poll.
    await ctx.emulator.control.advanceClock(16 * 24 * 3_600_000);
    expect((await ctx.emulator.control.records('acme', 'Contact')).some((r) => r.Id === gone)).toBe(false);
    await ctx.db.objectSync.updateMany({
      where: { id: syncId },
      data: { lastSuccessAt: new Date(Date.now() - 16 * 24 * 3_600_000), nextRunAt: null },
    });
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const last = await ctx.db.syncRun.findFirstOrThrow({
      where: { objectSyncId: syncId },
      orderBy: { id: 'desc' },
    });
    expect(last).toMatchObject({ kind: 'FULL', outcome: 'SUCCEEDED', deleted: 1 });
    expect((await localContacts()).has(gone!)).toBe(false);
    expect([...(await localContacts()).keys()].sort()).toEqual([...(await truthContacts()).keys()].sort());
  });

  it('with under 10% of the daily API requests left, the poll is deferred without counting a failure', async () => {
    forgetQuotaChecks();
    await ctx.emulator.control.setApiUsage('acme', { max: 100_000, remaining: 5_000 });
    try {
      await runPoll(ctx.deps, syncId, FAST_RETRY);
      const run = await ctx.db.syncRun.findFirstOrThrow({ where: { objectSyncId: syncId } });
      expect(run).toMatchObject({
        outcome: 'DEFERRED',
        error: expect.stringMatching(/^rate_limited: Only 4\d{3} of 100000 daily API requests/),
      });
      const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
      expect(sync).toMatchObject({ consecutiveFailures: 0, status: 'ACTIVE', fullLoadCompletedAt: null });
      expect(sync.nextRunAt!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    } finally {
      await ctx.emulator.control.resetApiQuota('acme');
      forgetQuotaChecks();
    }
  });

  it('a sync that is off polls nothing', async () => {
    await admin.patch(`${SYNCS}/Contact`).send({ enabled: false }).expect(200);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    expect(await ctx.db.syncRun.count()).toBe(0);
  });

  it('the engine picks up an enabled sync within seconds through the job queue', async () => {
    const engine = await startEngine(ctx.deps, { databaseUrl: ctx.databaseUrl, tickMs: 200, ...FAST_RETRY });
    try {
      const deadline = Date.now() + 20_000;
      while (
        Date.now() < deadline &&
        (await ctx.db.syncRun.count({ where: { outcome: 'SUCCEEDED' } })) === 0
      ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await ctx.db.syncRun.count({ where: { outcome: 'SUCCEEDED' } })).toBe(1);
      expect((await localContacts()).size).toBe((await truthContacts()).size);
    } finally {
      await engine.stop();
    }
  }, 40_000);
});
