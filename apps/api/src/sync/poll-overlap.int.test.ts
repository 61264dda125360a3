import type request from 'supertest';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import { differences, freshRestContacts, syncOf, waitFor } from '../../test/sync-support.ts';
import { type Engine, startEngine } from './engine.ts';
import { runPoll } from './run-poll.ts';
import { createRunLocks } from './sync-lock.ts';

// Issue #18 item 4: one poll of a sync never runs twice at once, also when pg-boss expires its
// job (and frees the exclusive slot) while the handler still runs.

const ctx = useTestContext();
const control = () => ctx.emulator.control;
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
let admin: request.Agent;
let syncId: string;
let engines: Engine[] = [];

/** Two worker processes' engines, with a poll job expiring after `pollExpirySeconds`. */
async function startWorkers(pollExpirySeconds: number) {
  for (const _ of [1, 2]) {
    engines.push(
      await startEngine(ctx.deps, {
        databaseUrl: ctx.databaseUrl,
        tickMs: 200,
        pollExpirySeconds,
        ...FAST_RETRY,
      }),
    );
  }
}

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

beforeEach(async () => {
  syncId = await freshRestContacts(ctx, admin);
});

afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.stop()));
  engines = [];
  await control().setLatency(0);
  await control().setBatchSize('acme', null);
});

describe('one poll of a sync at a time', () => {
  it('a full load longer than its job expiry goes on in later runs, never two at once', async () => {
    // About a dozen slow pages: the load takes several times the 2-second job expiry.
    await control().setBatchSize('acme', 25);
    await control().setLatency(250);
    await startWorkers(2);
    await waitFor('the full load', async () => (await syncOf(ctx, syncId)).fullLoadCompletedAt, 60_000);
    await waitFor('its run finished', async () =>
      ctx.db.syncRun.findFirst({ where: { objectSyncId: syncId, outcome: 'SUCCEEDED' } }),
    );
    await control().setLatency(0);
    expect(await differences(ctx, syncId)).toEqual([]);

    const runs = await ctx.db.syncRun.findMany({
      where: { objectSyncId: syncId },
      orderBy: { startedAt: 'asc' },
    });
    // None was marked failed by a second run starting beside it, and none overlapped another.
    expect(runs.filter((run) => run.outcome === 'FAILED')).toEqual([]);
    for (const [i, run] of runs.entries()) {
      const next = runs[i + 1];
      if (next && run.finishedAt)
        expect(run.finishedAt.getTime()).toBeLessThanOrEqual(next.startedAt.getTime());
    }
    // The load stopped between pages before its job expired, and the next run went on from there.
    expect(runs.filter((run) => run.outcome === 'DEFERRED').length).toBeGreaterThan(0);
    expect(runs[0]!.error).toMatch(/Stopped between pages/);
    expect(runs.filter((run) => run.kind === 'FULL').reduce((sum, run) => sum + run.upserted, 0)).toBe(
      (await syncOf(ctx, syncId)).fullLoadTotal,
    );
  }, 90_000);

  it('a run whose job is aborted stops after the page in hand; the next goes on from there', async () => {
    await control().setBatchSize('acme', 25);
    await control().setLatency(100);
    const job = new AbortController();
    const running = runPoll(ctx.deps, syncId, { ...FAST_RETRY, signal: job.signal });
    await waitFor('a first page', async () => (await syncOf(ctx, syncId)).fullLoadDone >= 25);
    job.abort(new Error('the job expired'));
    await running;
    const stopped = await syncOf(ctx, syncId);
    expect(stopped.fullLoadCompletedAt).toBeNull();
    expect(stopped.fullLoadDone).toBeLessThan(stopped.fullLoadTotal!);
    expect(stopped.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const [run] = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId } });
    expect(run).toMatchObject({ outcome: 'DEFERRED', error: expect.stringMatching(/Stopped between pages/) });
    expect(stopped).toMatchObject({ consecutiveFailures: 0, fullLoadDone: run!.upserted });

    await control().setLatency(0);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    expect(await differences(ctx, syncId)).toEqual([]);
    const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { id: 'asc' } });
    expect(runs.map((r) => r.outcome)).toEqual(['DEFERRED', 'SUCCEEDED']);
    expect(runs[0]!.upserted + runs[1]!.upserted).toBe(stopped.fullLoadTotal);
  }, 60_000);

  it('a run waits while another holds the sync: no second run record, no failure', async () => {
    const locks = createRunLocks(ctx.databaseUrl, 1);
    await locks.hold(syncId, async () => {
      await startWorkers(30);
      await waitFor('a job to find the sync busy', async () =>
        ctx.logs.some((line) => line.includes('sync poll already running') && line.includes(syncId)),
      );
      expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId } })).toBe(0);
    });
    await locks.close();
    await waitFor('the run once the lock is free', async () =>
      ctx.db.syncRun.findFirst({ where: { objectSyncId: syncId, outcome: 'SUCCEEDED' } }),
    );
    expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId } })).toBe(1);
  }, 60_000);
});
