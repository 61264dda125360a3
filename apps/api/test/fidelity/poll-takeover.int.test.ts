import { describe, expect, it } from 'vitest';
import { createSecretBox, generateKey } from '../../src/crypto/secret-box.ts';
import { useTestContext } from '../context.ts';
import { waitFor } from '../sync-support.ts';
import { forkWorker, killWorker, stopWorker, type WorkerProcess } from './processes.ts';
import { overlappingRuns } from './run-overlaps.ts';
import { startWorld } from './world.ts';

const ctx = useTestContext();

describe('a REST poll whose worker dies mid-run', () => {
  // Issue #17: a killed worker's syncs run elsewhere within 30 s (pnpm sim:scale measures 16-20 s).
  // Here nothing but the poll queue's heartbeat can bring the sync back: its next due time is
  // minutes away, so the schedulers will not enqueue it again. pg-boss fails a job with a stale
  // heartbeat only in its monitor pass, once per monitorIntervalSeconds per queue: 60 s unless set,
  // and this poll then came back 36-55 s after the kill. With 10 s the worst case is the heartbeat
  // going stale (10 s) plus up to two monitor periods (another instance may have just claimed the
  // pass) plus the re-run's start: under the full test run's load that once took over 30 s, so the
  // bound here is 45 s, and a failure shows where the job stood.
  it('is run again by the surviving worker within 45 s', async () => {
    const key = generateKey('fid');
    const world = await startWorld({ ...ctx.deps, secretBox: createSecretBox(key) }, 'poll takeover');
    const { db } = world.deps;
    const contact = world.syncs.CONTACT;
    // Every REST call takes 2 s, so the Contact load is still in flight when its worker is killed.
    await world.control.setLatency(2_000);
    const env = {
      DATABASE_URL: ctx.databaseUrl,
      TOKEN_ENCRYPTION_KEY: key,
      PUBSUB_ENDPOINT: world.emulator.pubsub.endpoint,
      PUBSUB_CA: world.emulator.pubsub.certificate,
    };
    const workers: WorkerProcess[] = [];
    try {
      const forked = await Promise.allSettled([forkWorker('worker-a', env), forkWorker('worker-b', env)]);
      for (const result of forked) if (result.status === 'fulfilled') workers.push(result.value);
      for (const result of forked) if (result.status === 'rejected') throw result.reason;

      const running = await waitFor(
        'the Contact poll to start',
        () =>
          db.syncRun.findFirst({
            where: { objectSyncId: contact, kind: { not: 'CDC' }, outcome: 'RUNNING' },
          }),
        60_000,
      );
      const victim = workers.find((w) => w.restWorker === running.worker);
      if (!victim) throw new Error(`the poll runs on ${running.worker}, none of the forked workers`);
      const survivor = workers.find((w) => w !== victim)!;
      await killWorker(victim);
      await world.control.setLatency(0);

      const rerun = await waitFor(
        'the survivor to run the Contact sync again',
        () =>
          db.syncRun.findFirst({
            where: {
              objectSyncId: contact,
              worker: survivor.restWorker,
              startedAt: { gt: new Date(victim.killedAt!) },
            },
          }),
        45_000,
      ).catch(async (error: Error) => {
        const jobs = await db.$queryRaw`SELECT state, retry_count, created_on, started_on, heartbeat_on,
          completed_on FROM pgboss.job WHERE name = 'salesforce-poll' AND data->>'syncId' = ${contact}`;
        const runs = await db.syncRun.findMany({ where: { objectSyncId: contact } });
        throw new Error(
          `${error.message} (killed at ${new Date(victim.killedAt!).toISOString()})\n` +
            `poll jobs: ${JSON.stringify(jobs)}\nruns: ${JSON.stringify(runs, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
        );
      });
      expect(rerun.startedAt.getTime() - victim.killedAt!).toBeLessThan(45_000);
      // The dead worker's run is closed as failed by the survivor, not left RUNNING.
      const orphan = await db.syncRun.findFirstOrThrow({ where: { id: running.id } });
      expect(orphan.outcome).toBe('FAILED');
      await waitFor(
        'the re-run to finish',
        async () => (await db.syncRun.findFirstOrThrow({ where: { id: rerun.id } })).outcome === 'SUCCEEDED',
        30_000,
      );
    } finally {
      await Promise.all(workers.map(stopWorker));
    }
    expect(await overlappingRuns(db, contact, workers)).toEqual([]);
    await world.close();
  }, 150_000);
});
