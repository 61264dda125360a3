import { Prng } from '@ch/salesforce-emulator/prng';
import { describe, expect, it } from 'vitest';
import { createSecretBox, generateKey } from '../../src/crypto/secret-box.ts';
import { useTestContext } from '../context.ts';
import { waitFor } from '../sync-support.ts';
import { randomChange } from './mix.ts';
import { forkWorker, killWorker, stopWorker, type WorkerProcess } from './processes.ts';
import { overlappingRuns } from './run-overlaps.ts';
import { allDifferences } from './truth.ts';
import { startWorld, type World } from './world.ts';

const ctx = useTestContext();
// Long enough that a worker slowed by a busy machine keeps its lease; short enough for a quick test.
const LEASE_MS = 4_000;

/** Keeps the REST sync due, as if its interval had passed: both schedulers keep enqueuing it. */
function keepDue(world: World) {
  const timer = setInterval(() => {
    void world.deps.db.objectSync
      .updateMany({ where: { id: world.syncs.CONTACT }, data: { nextRunAt: null } })
      .catch(() => undefined);
  }, 250);
  return () => clearInterval(timer);
}

async function changeAndConverge(world: World, prng: Prng, count: number) {
  for (let i = 0; i < count; i++) await randomChange(world, prng);
  let last: string[] = [];
  await waitFor(
    'the copy to equal the truth',
    async () => {
      last = await allDifferences(world);
      return last.length === 0;
    },
    20_000,
  ).catch(() => undefined);
  expect(last.slice(0, 10)).toEqual([]);
}

describe('two worker processes on one database', () => {
  it('never overlap a sync, hold CDC once, and a SIGKILLed holder hands its work over', async () => {
    // The workers must open the token the test stores: a key both sides know.
    const key = generateKey('fid');
    const world = await startWorld({ ...ctx.deps, secretBox: createSecretBox(key) }, 'two workers');
    const { db } = world.deps;
    const env = {
      DATABASE_URL: ctx.databaseUrl,
      TOKEN_ENCRYPTION_KEY: key,
      CDC_LEASE_MS: String(LEASE_MS),
      PUBSUB_ENDPOINT: world.emulator.pubsub.endpoint,
      PUBSUB_CA: world.emulator.pubsub.certificate,
    };
    const workers: WorkerProcess[] = [];
    let stopDue = keepDue(world);
    try {
      // Both are tracked before either failure is thrown, so `finally` stops every one that started.
      const forked = await Promise.allSettled([forkWorker('worker-a', env), forkWorker('worker-b', env)]);
      for (const result of forked) if (result.status === 'fulfilled') workers.push(result.value);
      for (const result of forked) if (result.status === 'rejected') throw result.reason;
      const prng = new Prng(2);
      await changeAndConverge(world, prng, 10);
      const lead = () => db.objectSync.findFirstOrThrow({ where: { id: world.syncs.LEAD } });
      const liveCdcRuns = () =>
        db.syncRun.findMany({ where: { objectSyncId: world.syncs.LEAD, kind: 'CDC', outcome: 'RUNNING' } });

      // Two seconds of heartbeats: one lease owner throughout, and its run the only live CDC run.
      const owner = (await lead()).cdcOwner;
      expect(owner).toMatch(/^worker-[ab]$/);
      for (let i = 0; i < 20; i++) {
        expect((await lead()).cdcOwner).toBe(owner);
        expect((await liveCdcRuns()).map((run) => run.worker)).toEqual([owner]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      // Kill the holder between REST runs: a poll it was running would wait for pg-boss's
      // 30 s heartbeat before another worker may run that sync (the exclusive policy).
      stopDue();
      await waitFor('no REST run in flight', async () => {
        const running = await db.syncRun.count({
          where: { objectSyncId: world.syncs.CONTACT, outcome: 'RUNNING' },
        });
        return running === 0;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const victim = workers.find((w) => w.id === owner)!;
      const survivor = workers.find((w) => w !== victim)!;
      await killWorker(victim);
      await waitFor(
        'the CDC takeover',
        async () =>
          (await lead()).cdcOwner === survivor.id &&
          (await liveCdcRuns()).some((r) => r.worker === survivor.id),
        30_000,
      );
      expect(Date.now() - victim.killedAt!).toBeLessThan(30_000);
      // The dead holder's session is closed by the survivor, not left RUNNING forever.
      const orphaned = await db.syncRun.findMany({
        where: { objectSyncId: world.syncs.LEAD, worker: victim.id, kind: 'CDC' },
      });
      expect(orphaned.length).toBeGreaterThan(0);
      expect(orphaned.every((run) => run.outcome === 'FAILED' && run.finishedAt !== null)).toBe(true);

      stopDue = keepDue(world);
      await changeAndConverge(world, prng, 10);
      const restAfter = await db.syncRun.count({
        where: {
          objectSyncId: world.syncs.CONTACT,
          worker: survivor.restWorker,
          outcome: 'SUCCEEDED',
          startedAt: { gt: new Date(victim.killedAt!) },
        },
      });
      expect(restAfter).toBeGreaterThan(0);
    } finally {
      stopDue();
      await Promise.all(workers.map(stopWorker));
    }
    // Both schedulers enqueued the REST sync all along (keepDue): the queue let one poll run at a time.
    for (const syncId of Object.values(world.syncs)) {
      expect(await overlappingRuns(db, syncId, workers)).toEqual([]);
    }
    await world.close();
  }, 120_000);
});
