import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { POLL_QUEUE, seedDueRestSyncs } from '../../test/due-syncs.ts';
import { type Engine, startEngine } from './engine.ts';
import { pollKeyOf } from './scheduler.ts';

// Decision 027: a sync is keyed by (organizationId, id), so a poll job names the organization. Jobs
// queued by the version before (`{ syncId }` alone) may still wait in pg-boss after a deploy: they
// are polled all the same, their organization read by id.

const ctx = useTestContext();
let syncs: { organizationId: string; id: string }[];

beforeAll(async () => {
  const ids = await seedDueRestSyncs(ctx.db, 3, 'Keyed');
  syncs = await ctx.db.objectSync.findMany({
    where: { id: { in: ids } },
    select: { organizationId: true, id: true },
  });
});

describe('poll jobs', () => {
  it('name the sync by its organization and id', async () => {
    const engine = await startEngine(ctx.deps, {
      databaseUrl: ctx.databaseUrl,
      tickMs: 3_600_000,
      work: false,
    });
    try {
      await engine.settled();
      const jobs = await ctx.db.$queryRawUnsafe<{ data: { organizationId?: string; syncId: string } }[]>(
        `SELECT data FROM pgboss.job WHERE name = $1`,
        POLL_QUEUE,
      );
      expect(
        jobs.map(({ data }) => ({ organizationId: data.organizationId, id: data.syncId })).sort(byId),
      ).toEqual([...syncs].sort(byId));
    } finally {
      await engine.stop();
      await ctx.db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1`, POLL_QUEUE);
    }
  });

  it('queued before, with a sync id alone, are resolved to the sync by id', async () => {
    const [sync] = syncs as [{ organizationId: string; id: string }];
    expect(await pollKeyOf(ctx.db, { syncId: sync.id })).toEqual(sync);
    expect(await pollKeyOf(ctx.db, { syncId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
  });

  describe('queued before, with a sync id alone', () => {
    let engine: Engine;
    let boss: PgBoss;
    afterAll(async () => {
      await engine?.stop();
      await boss?.stop({ graceful: false });
    });

    it('are still polled by a worker', async () => {
      const [sync] = syncs as [{ organizationId: string; id: string }];
      // Not due: the worker's own tick enqueues nothing, only the old job below runs.
      await ctx.db.objectSync.updateMany({ data: { nextRunAt: new Date(Date.now() + 3_600_000) } });
      engine = await startEngine(ctx.deps, {
        databaseUrl: ctx.databaseUrl,
        tickMs: 3_600_000,
        retry: { maxRetries: 0, minTimeoutMs: 10 },
      });
      await engine.settled();
      boss = new PgBoss({ connectionString: ctx.databaseUrl, schema: 'pgboss', max: 1 });
      await boss.start();
      await boss.send(POLL_QUEUE, { syncId: sync.id }, { singletonKey: sync.id });
      // The placeholder token cannot reach Salesforce: the poll runs and records a failed run.
      const deadline = Date.now() + 20_000;
      let runs = 0;
      while (runs === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        runs = await ctx.db.syncRun.count({ where: { objectSyncId: sync.id, outcome: { not: 'RUNNING' } } });
      }
      expect(runs).toBe(1);
      expect(await ctx.db.syncRun.count()).toBe(1);
    });
  });
});

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
