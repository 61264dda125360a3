import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { KEPT_PER_SYNC, pruneRunHistory, startRunRetention } from './run-retention.ts';

const ctx = useTestContext();
const DAY = 24 * 60 * 60_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

async function syncWithRuns(
  object: 'LEAD' | 'CONTACT',
  orgName: string,
  ages: number[],
  outcome = 'SUCCEEDED',
) {
  const organizationId = await ctx.orgId(orgName);
  const sync = await ctx.db.objectSync.create({ data: { organizationId, object, method: 'REST' } });
  // Oldest first, so ids rise with startedAt as they do when runs are recorded.
  for (const age of [...ages].sort((a, b) => b - a)) {
    await ctx.db.syncRun.create({
      data: {
        organizationId,
        objectSyncId: sync.id,
        kind: 'INCREMENTAL',
        outcome: outcome as never,
        worker: 'w',
        startedAt: daysAgo(age),
      },
    });
  }
  return sync.id;
}
const agesOf = async (objectSyncId: string) =>
  (await ctx.db.syncRun.findMany({ where: { objectSyncId }, orderBy: { startedAt: 'desc' } })).map((run) =>
    Math.round((Date.now() - run.startedAt.getTime()) / DAY),
  );

describe('run history retention', () => {
  it('deletes runs past the retention in batches, keeping each sync its latest runs and runs in progress', async () => {
    const orgs = await ctx.db.organization.findMany({ take: 2, orderBy: { name: 'asc' } });
    // Busy: 12 runs spread over 60 days; recent ones cover what the card shows.
    const busy = await syncWithRuns('LEAD', orgs[0]!.name, [1, 2, 3, 4, 5, 6, 35, 40, 45, 50, 55, 60]);
    // Idle for months: all its runs are old, but its latest five are what its card lists.
    const idle = await syncWithRuns('CONTACT', orgs[0]!.name, [90, 91, 92, 93, 94, 95, 96]);
    // A run marked RUNNING is left for its worker (or the sync's next run) to close.
    const stuck = await syncWithRuns('LEAD', orgs[1]!.name, [70, 71, 72, 73, 74, 75, 76], 'RUNNING');

    const deleted = await pruneRunHistory(ctx.db, daysAgo(30), { batch: 3 });

    expect(deleted).toBe(6 + 2);
    expect(await agesOf(busy)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await agesOf(idle)).toEqual([90, 91, 92, 93, 94]);
    expect(await agesOf(stuck)).toHaveLength(7);
    expect(KEPT_PER_SYNC).toBe(5);
    expect(await pruneRunHistory(ctx.db, daysAgo(30))).toBe(0);
  });

  it('runs on its own once started, with SYNC_RUN_RETENTION_DAYS', async () => {
    const org = (await ctx.db.organization.findMany({ orderBy: { name: 'desc' }, take: 1 }))[0]!;
    const sync = await syncWithRuns('CONTACT', org.name, [1, 2, 3, 4, 5, 8, 9]);
    const retention = startRunRetention({
      ...ctx.deps,
      env: { ...ctx.deps.env, SYNC_RUN_RETENTION_DAYS: 7 },
    });
    try {
      await retention.settled();
      expect(await agesOf(sync)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await retention.stop();
    }
  });
});
