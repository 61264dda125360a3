import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { POLL_QUEUE, pollJobsPerSync, seedDueRestSyncs } from '../../test/due-syncs.ts';
import { type Engine, startEngine } from './engine.ts';

// Issue #17 item 6: one scheduler at a time, no overlapping ticks, a sync enqueued once per due
// time (not the whole backlog every tick). Engines here only schedule (`work: false`) and, after
// the tick every engine runs at start (awaited, then undone by beforeEach), tick by hand (the timer
// is an hour), so what pg-boss holds is exactly what the ticks enqueued.

const ctx = useTestContext();
const N = 300;
let ids: string[];
let engines: Engine[] = [];

const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
const nextRunAts = async () =>
  (await ctx.db.objectSync.findMany({ where: { id: { in: ids } }, select: { nextRunAt: true } })).map(
    (s) => s.nextRunAt,
  );

beforeAll(async () => {
  ids = await seedDueRestSyncs(ctx.db, N);
  for (const _ of [1, 2]) {
    engines.push(
      await startEngine(ctx.deps, { databaseUrl: ctx.databaseUrl, tickMs: 3_600_000, work: false }),
    );
  }
  await Promise.all(engines.map((engine) => engine.settled()));
});

afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.stop()));
  engines = [];
});

beforeEach(async () => {
  await ctx.db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1`, POLL_QUEUE);
  await ctx.db.objectSync.updateMany({
    where: { id: { in: ids } },
    data: { nextRunAt: null, enabled: true, status: 'ACTIVE' },
  });
});

describe('the REST scheduler', () => {
  it('two schedulers ticking at once enqueue each due sync exactly once, and never again while it is not due', async () => {
    const [a, b] = engines as [Engine, Engine];
    const counts = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick(), b.tick(), a.tick()]);
    // A tick that lost the scheduler lock may still follow the winner: a few more rounds.
    for (let round = 0; round < 3; round += 1) counts.push(...(await Promise.all([a.tick(), b.tick()])));
    expect(sum(counts)).toBe(N);
    const jobs = await pollJobsPerSync(ctx.db);
    expect(jobs.size).toBe(N);
    expect([...jobs.values()].every((count) => count === 1)).toBe(true);
    expect([...jobs.keys()].sort()).toEqual([...ids].sort());
    // Claimed: each one's next time moved on, so the backlog is not sent again tick after tick.
    const now = Date.now();
    expect((await nextRunAts()).every((at) => at !== null && at.getTime() > now)).toBe(true);
    expect(sum(await Promise.all([a.tick(), b.tick()]))).toBe(0);
    expect(sum([...(await pollJobsPerSync(ctx.db)).values()])).toBe(N);
  });

  it('a sync made due at once (Retry, a changed setting) while its job still waits is not enqueued twice', async () => {
    const [a] = engines as [Engine, Engine];
    expect(await a.tick()).toBe(N);
    const retried = ids.slice(0, 10);
    await ctx.db.objectSync.updateMany({ where: { id: { in: retried } }, data: { nextRunAt: null } });
    expect(await a.tick()).toBe(0);
    expect(sum([...(await pollJobsPerSync(ctx.db)).values()])).toBe(N);
    // Looked at again soon rather than after a whole claim: its job may be just finishing.
    const soon = Date.now() + 10_000;
    const times = await ctx.db.objectSync.findMany({ where: { id: { in: retried } } });
    expect(times.every((s) => s.nextRunAt !== null && s.nextRunAt.getTime() < soon)).toBe(true);
  });

  it('a tick that overlaps the same process’s last one is skipped', async () => {
    const [a] = engines as [Engine, Engine];
    const counts = await Promise.all([a.tick(), a.tick(), a.tick()]);
    expect(counts.filter((count) => count > 0)).toEqual([N]);
    expect(sum([...(await pollJobsPerSync(ctx.db)).values()])).toBe(N);
  });

  it('leaves out syncs backing off, switched off, tripped, or in organizations whose flag is off', async () => {
    const [a] = engines as [Engine, Engine];
    const [backingOff, off, tripped, flagOff] = ids as [string, string, string, string];
    await ctx.db.objectSync.updateMany({
      where: { id: backingOff },
      data: { nextRunAt: new Date(Date.now() + 60_000) },
    });
    await ctx.db.objectSync.updateMany({ where: { id: off }, data: { enabled: false } });
    await ctx.db.objectSync.updateMany({ where: { id: tripped }, data: { status: 'ERROR' } });
    const { organizationId } = await ctx.db.objectSync.findFirstOrThrow({ where: { id: flagOff } });
    await ctx.db.featureFlag.update({
      where: { organizationId_key: { organizationId, key: 'integrations' } },
      data: { enabled: false },
    });
    try {
      expect(await a.tick()).toBe(N - 4);
      const jobs = await pollJobsPerSync(ctx.db);
      for (const id of [backingOff, off, tripped, flagOff]) expect(jobs.has(id)).toBe(false);
    } finally {
      await ctx.db.featureFlag.update({
        where: { organizationId_key: { organizationId, key: 'integrations' } },
        data: { enabled: true },
      });
    }
  });

  it('enqueues at most a batch per tick, most overdue first, and the rest on the next ticks', async () => {
    const oldest = ids.slice(-5);
    await ctx.db.objectSync.updateMany({
      where: { id: { in: ids } },
      data: { nextRunAt: new Date(Date.now() - 1_000) },
    });
    await ctx.db.objectSync.updateMany({
      where: { id: { in: oldest } },
      data: { nextRunAt: new Date(Date.now() - 60_000) },
    });
    const small = await startEngine(ctx.deps, {
      databaseUrl: ctx.databaseUrl,
      tickMs: 3_600_000,
      work: false,
      scheduler: { batch: 100 },
    });
    try {
      // Its first tick is the one at start: it enqueued one batch, the most overdue in it.
      await small.settled();
      const first = await pollJobsPerSync(ctx.db);
      expect(first.size).toBe(100);
      expect(sum([...first.values()])).toBe(100);
      for (const id of oldest) expect(first.has(id)).toBe(true);
      expect([await small.tick(), await small.tick(), await small.tick()]).toEqual([100, 100, 0]);
      expect((await pollJobsPerSync(ctx.db)).size).toBe(N);
    } finally {
      await small.stop();
    }
  });

  it('claims a sync due before the next tick now, its job held until its due time', async () => {
    const [a] = engines as [Engine, Engine];
    const [soon, ...rest] = ids as [string, ...string[]];
    const dueAt = new Date(Date.now() + 1_000);
    await ctx.db.objectSync.updateMany({
      where: { id: { in: rest } },
      data: { nextRunAt: new Date(Date.now() + 60_000) },
    });
    await ctx.db.objectSync.updateMany({ where: { id: soon }, data: { nextRunAt: dueAt } });
    expect(await a.tick()).toBe(1);
    const [job] = await ctx.db.$queryRawUnsafe<{ key: string; startAfter: Date }[]>(
      `SELECT singleton_key AS key, start_after AS "startAfter" FROM pgboss.job WHERE name = $1`,
      POLL_QUEUE,
    );
    expect(job?.key).toBe(soon);
    // Held until its time (not a tick late, not at once); the claim runs from its time on.
    expect(Math.abs((job?.startAfter.getTime() ?? 0) - dueAt.getTime())).toBeLessThan(50);
    const claimed = await ctx.db.objectSync.findFirstOrThrow({ where: { id: soon } });
    expect(claimed.nextRunAt?.getTime()).toBeGreaterThan(dueAt.getTime());
    expect(await a.tick()).toBe(0);
  });
});
