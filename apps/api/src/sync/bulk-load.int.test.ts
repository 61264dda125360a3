import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import { differences, freshRestContacts, SYNCS, syncOf, waitFor } from '../../test/sync-support.ts';
import type { Deps } from '../deps.ts';
import { runPoll } from './run-poll.ts';

const ctx = useTestContext();
let admin: request.Agent;
let syncId: string;
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
// Above the lowered threshold, in several Bulk pages.
const EXTRA_CONTACTS = 600;
const THRESHOLD = 100;
const PAGE = 100;
// Pages stored in several statements each, as a 50,000-record page is in 2,000s.
const BATCH = 30;

/** The engine's dependencies with the Bulk threshold lowered (or left at its default). */
const withThreshold = (threshold = THRESHOLD): Deps => ({
  ...ctx.deps,
  env: { ...ctx.deps.env, SYNC_BULK_THRESHOLD: threshold },
});
const poll = (deps: Deps, signal?: AbortSignal) =>
  runPoll(deps, syncId, {
    ...FAST_RETRY,
    bulkPageSize: PAGE,
    bulkBatchSize: BATCH,
    ...(signal ? { signal } : {}),
  });
const jobs = () => ctx.emulator.control.bulkJobs('acme');
const liveTruth = async () =>
  (await ctx.emulator.control.records('acme', 'Contact')).filter((r) => r.IsDeleted !== true).length;
const runsOf = () => ctx.db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  const records = Array.from({ length: EXTRA_CONTACTS }, (_, i) => ({
    FirstName: i % 7 === 0 ? null : 'Bulk',
    LastName: `Contact ${i}`,
    Email: `bulk${i}@acme.example`,
    DoNotCall: i % 3 === 0,
    HasOptedOutOfEmail: i % 5 === 0,
  }));
  await ctx.emulator.control.createRecords('acme', 'Contact', records);
});

beforeEach(async () => {
  syncId = await freshRestContacts(ctx, admin);
});

/** Stops the run once `pages` Bulk pages are committed, as a worker killed there would leave it. */
async function stopAfterPages(pages: number): Promise<void> {
  // Slow results pages, so the stop lands between pages and not after the last.
  await ctx.emulator.control.setLatency(150, '/results');
  const stop = new AbortController();
  const running = poll(withThreshold(), stop.signal);
  await waitFor(
    `${pages} pages committed`,
    async () => (await syncOf(ctx, syncId)).fullLoadDone >= pages * PAGE,
  );
  stop.abort();
  await running;
  await ctx.emulator.control.clearFaults();
}

describe('full loads through Bulk API 2.0', () => {
  it('an object above the threshold loads through one Bulk job and equals Salesforce field by field', async () => {
    const before = (await jobs()).length;
    await poll(withThreshold());
    const created = (await jobs()).slice(before);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ operation: 'query', object: 'Contact', state: 'JobComplete' });
    expect(await differences(ctx, syncId)).toEqual([]);
    const total = await liveTruth();
    const sync = await syncOf(ctx, syncId);
    expect(sync).toMatchObject({ fullLoadDone: total, fullLoadJobId: null, fullLoadPrepared: null });
    expect(sync.fullLoadCompletedAt).not.toBeNull();
    const [full] = await runsOf();
    expect(full).toMatchObject({ kind: 'FULL', outcome: 'SUCCEEDED', error: null });
    // Pages of 100 here; REST would have needed one call per 2,000 records, Bulk one per page.
    expect(full!.apiCalls).toBeLessThan(Math.ceil(total / PAGE) + 12);
  });

  it('the sync shows the job’s processed count while Salesforce prepares the records', async () => {
    // A job that takes 3 s at Salesforce: InProgress, with a growing count, for its second half.
    await ctx.emulator.control.updateSettings({ bulkJobDelayMs: 3_000 });
    try {
      const running = poll(withThreshold());
      const total = await liveTruth();
      const progress = async () =>
        (await admin.get(SYNCS).expect(200)).body.syncs.find(
          (s: { object: string }) => s.object === 'Contact',
        ).progress;
      const seen = await waitFor('the job’s count on the sync', async () => {
        const now = await progress();
        return now?.preparing && now.done > 0 ? now : undefined;
      });
      expect(seen).toMatchObject({ total, preparing: true });
      expect(seen.done).toBeLessThanOrEqual(total);
      await running;
      expect(await progress()).toBeNull();
    } finally {
      await ctx.emulator.control.updateSettings({ bulkJobDelayMs: 300 });
    }
  });

  it('below the threshold the load reads REST pages and creates no Bulk job', async () => {
    const before = (await jobs()).length;
    await poll(withThreshold(10_000));
    expect((await jobs()).length).toBe(before);
    expect(await differences(ctx, syncId)).toEqual([]);
  });

  it('a run stopped mid-load resumes the same job at its last committed page', async () => {
    const before = (await jobs()).length;
    await stopAfterPages(2);
    const stopped = await syncOf(ctx, syncId);
    const [job] = (await jobs()).slice(before);
    expect(stopped.fullLoadJobId).toBe(job!.id);
    expect(stopped.fullLoadLocator).not.toBeNull();
    expect(stopped.fullLoadCompletedAt).toBeNull();
    expect(stopped.fullLoadDone % PAGE).toBe(0);
    expect((await runsOf()).map((r) => r.outcome)).toEqual(['DEFERRED']);

    await poll(withThreshold());
    expect((await jobs()).slice(before).map((j) => j.id)).toEqual([job!.id]);
    const total = await liveTruth();
    const done = await syncOf(ctx, syncId);
    // Each page adds its records to fullLoadDone when it commits: a page read twice would count twice.
    expect(done.fullLoadDone).toBe(total);
    expect(done.fullLoadCompletedAt).not.toBeNull();
    expect((await runsOf())[1]).toMatchObject({ outcome: 'SUCCEEDED', error: null });
    expect(await differences(ctx, syncId)).toEqual([]);
  });

  it('a stopped load whose job results are gone starts a new job and still ends equal', async () => {
    await stopAfterPages(1);
    const { fullLoadJobId } = await syncOf(ctx, syncId);
    expect(fullLoadJobId).not.toBeNull();
    // Past the job's retention (7 days), Salesforce no longer holds its results.
    await ctx.emulator.control.advanceClock(8 * 24 * 3_600_000);
    expect(await jobs()).toEqual([]);
    await poll(withThreshold());
    const after = await jobs();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(fullLoadJobId);
    expect(await differences(ctx, syncId)).toEqual([]);
    expect(await syncOf(ctx, syncId)).toMatchObject({ fullLoadDone: await liveTruth() });
  });

  it('a failed Bulk job falls back to REST paging, and the run history says so', async () => {
    await ctx.emulator.control.failNextBulkJobs('acme', 1);
    const before = (await jobs()).length;
    await poll(withThreshold());
    expect((await jobs()).slice(before).map((j) => j.state)).toEqual(['Failed']);
    expect(await differences(ctx, syncId)).toEqual([]);
    const [full] = await runsOf();
    expect(full).toMatchObject({ kind: 'FULL', outcome: 'SUCCEEDED' });
    expect(full!.error).toMatch(/Bulk API could not load this object .*Failed.*REST paging/);
    expect(await syncOf(ctx, syncId)).toMatchObject({ fullLoadJobId: null, consecutiveFailures: 0 });
  });
});
