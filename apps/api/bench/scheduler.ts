// The REST scheduler at 10,000 due syncs: `node --import tsx apps/api/bench/scheduler.ts`.
//
// Method. 10,000 organizations, each with one switched-on REST sync due now, in a throwaway
// embedded PostgreSQL. "Before" replays the old tick (read every due sync, then one pg-boss send
// each) on an empty queue, and again with every job still queued: the old scheduler re-sent the
// whole backlog like that every 2 s, in every worker. "After" is the engine's tick (claim and
// batch-enqueue in one transaction) with the default batch of 1,000, until nothing is due; then
// an idle tick, and a tick of a worker that is not the scheduler (another holds the lock).
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { eligibleSyncIds } from '../src/sync/eligible-syncs.ts';
import { startEngine } from '../src/sync/engine.ts';
import { POLL_QUEUE, pollJobsPerSync, seedDueRestSyncs } from '../test/due-syncs.ts';
import { print, startBench } from './harness.ts';

const SYNCS = 10_000;
const bench = await startBench();
const { deps, databaseUrl } = bench;
const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;
const reset = async () => {
  await deps.db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = $1`, POLL_QUEUE);
  await deps.db.$executeRaw`UPDATE "ObjectSync" SET "nextRunAt" = NULL`;
};

try {
  await seedDueRestSyncs(deps.db, SYNCS, 'Bench');
  // Statistics as autovacuum would have them: without, the planner drives the claim from the tokens.
  await deps.db.$executeRaw`ANALYZE`;
  // Creates the queue; it never ticks on its own (an hour) and runs no polls.
  const engine = await startEngine(deps, { databaseUrl, tickMs: 3_600_000, work: false });
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  await boss.start();
  try {
    print(`scheduler, ${SYNCS.toLocaleString('en')} due REST syncs`);
    await reset();
    const oldTick = async () => {
      const due = await eligibleSyncIds(deps.db, 'REST');
      for (const id of due)
        await boss.send(POLL_QUEUE, { syncId: id }, { singletonKey: id, expireInSeconds: 3600 });
      return due.length;
    };
    let start = performance.now();
    let sent = await oldTick();
    print(`  before: one tick, empty queue        ${ms(start)} (${sent} sends)`);
    start = performance.now();
    sent = await oldTick();
    print(
      `  before: the next tick (all queued)   ${ms(start)} (${sent} sends, all dropped), every 2 s, per worker`,
    );

    await reset();
    start = performance.now();
    const first = await engine.tick();
    print(`  after: one tick                      ${ms(start)} (${first} enqueued)`);
    start = performance.now();
    let ticks = 1;
    let total = first;
    for (let n = await engine.tick(); n > 0; n = await engine.tick()) {
      total += n;
      ticks += 1;
    }
    print(`  after: the rest                      ${ms(start)} (${ticks} ticks in all, ${total} enqueued)`);
    const jobs = await pollJobsPerSync(deps.db);
    print(
      `  after: jobs per sync                 ${jobs.size} syncs, ${Math.max(...jobs.values())} job at most`,
    );
    start = performance.now();
    const idle = await engine.tick();
    print(`  after: an idle tick (nothing due)    ${ms(start)} (${idle} enqueued)`);
    // The first scan after the claims steps over their dead index entries (until vacuum) and marks them.
    start = performance.now();
    const again = await engine.tick();
    print(`  after: the next idle tick            ${ms(start)} (${again} enqueued)`);

    // Another process holds the scheduler's lock: this worker's tick skips.
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1::int, 0)', [0x5343]);
    await deps.db.$executeRaw`UPDATE "ObjectSync" SET "nextRunAt" = NULL`;
    start = performance.now();
    const skipped = await engine.tick();
    print(`  after: a tick while another schedules ${ms(start)} (${skipped} enqueued)`);
    await other.query('ROLLBACK');
    await other.end();

    const plan = await deps.db.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
      `EXPLAIN SELECT id FROM "ObjectSync" WHERE enabled AND status = 'ACTIVE' AND method = 'REST'
         AND COALESCE("nextRunAt", '-infinity'::timestamp) <= now() AT TIME ZONE 'UTC'
       ORDER BY COALESCE("nextRunAt", '-infinity'::timestamp) LIMIT 1000`,
    );
    const usesIndex = plan.some((row) => row['QUERY PLAN'].includes('ObjectSync_due_rest_idx'));
    print(`  the due query uses the partial index: ${usesIndex ? 'yes' : 'no'}`);
  } finally {
    await boss.stop({ graceful: false });
    await engine.stop();
  }
} finally {
  await bench.stop();
}
