// `pnpm sim:scale`: the product in its cluster layout (one API, SIM_WORKERS workers, one shared
// emulator, one PostgreSQL) against SIM_ORGS emulated orgs, with intervals compressed
// (SYNC_INTERVAL_SCALE), changes injected, one worker SIGKILLed mid-run and replaced. Prints a
// table and, last, the `scale:` line. Bounded and run apart from the tests (docs/decisions/026).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, createDb, freePort } from '@ch/db';
import { EmulatorControl } from '@ch/salesforce-emulator';
import pg from 'pg';
import { print } from '../../bench/harness.ts';
import { startShared } from '../cluster/launch.ts';
import { lostChanges, startChanges } from './changes.ts';
import { startCpuTimeline } from './cpu-timeline.ts';
import {
  cpuSeconds,
  doubleRuns,
  lateAroundKill,
  leasesByOwner,
  pollLateness,
  pollsBy,
  pollsStarted,
  runsAroundKill,
  startSampler,
} from './measure.ts';
import { printReport } from './report.ts';
import { seedOrganizations, startSyncs } from './seed.ts';
import { pollsInFlight, snapshotHeld, waitFor } from './takeover.ts';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const ORGS = num('SIM_ORGS', 100);
const WORKERS = num('SIM_WORKERS', 3);
const SECONDS = num('SIM_SECONDS', 120);
const SCALE = num('SIM_SCALE', 20);
const INTERVAL_MINUTES = num('SIM_INTERVAL_MINUTES', 5);
const RECORDS = num('SIM_RECORDS', 20);
const CHANGES_PER_SECOND = num('SIM_CHANGES_PER_SECOND', 10);
const REPLACE_AFTER_S = num('SIM_REPLACE_AFTER_SECONDS', 10);
const intervalMs = (INTERVAL_MINUTES * 60_000) / SCALE;
const SETTLE_SECONDS = num('SIM_SETTLE_SECONDS', Math.max(30, (3 * intervalMs) / 1000));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => print(`[sim] ${new Date().toISOString().slice(11, 19)} ${line}`);

const dir = await mkdtemp(path.join(tmpdir(), 'ch-sim-'));
const logFile = createWriteStream(path.join(dir, 'cluster.log'));
let errors = 0;
const cluster = await startShared({
  env: {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(await freePort()),
    SALESFORCE_EMULATOR_PORT: String(await freePort()),
    SYNC_INTERVAL_SCALE: String(SCALE),
    // Polls a worker may run at once: with pg-boss's 0.5 s fetch interval a worker starts at most
    // twice this many polls a second (engine.ts), and compression multiplies the rate needed.
    // Sized for one worker fewer: while the killed one is replaced, two carry 1,000 orgs' 16.7
    // polls/s (with 4, two workers started 16/s and every poll due then was up to 8 s late).
    SYNC_POLL_CONCURRENCY: String(num('SIM_POLL_CONCURRENCY', 6)),
    // The cap is a ceiling here: the fair share spreads the subscriptions (decision 018/026).
    SYNC_CDC_MAX_LEASES_PER_WORKER: String(ORGS),
    SYNC_FAILURE_BACKOFF_MS: String(Math.min(15_000, intervalMs)),
    SEED_DEMO: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  },
  dataDir: path.join(dir, 'data'),
  persistent: false,
  log: (line) => {
    logFile.write(`${line}\n`);
    if (/"level":(50|60)/.test(line)) errors += 1;
  },
});
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
const finish = async (code: number) => {
  await cluster.stop();
  logFile.end();
  // The database goes; the processes' lines stay for a look.
  await rm(path.join(dir, 'data'), { recursive: true, force: true });
  say(`every process's lines: ${path.join(dir, 'cluster.log')}`);
  process.exit(code);
};
process.on('SIGINT', () => void finish(130));

try {
  const url = cluster.databaseUrl;
  await applyMigrations(url);
  const tagged = `${url}${url.includes('?') ? '&' : '?'}application_name=sim-scale`;
  const db = createDb(tagged, { max: 8 });
  const sql = new pg.Client({ connectionString: tagged });
  await sql.connect();
  // Interrupted (Ctrl-C), PostgreSQL stops under these connections: that is no crash.
  sql.on('error', () => {});
  const control = new EmulatorControl({
    baseUrl: cluster.env.SALESFORCE_EMULATOR_URL ?? '',
    controlKey: cluster.env.SALESFORCE_EMULATOR_CONTROL_KEY ?? '',
  });
  say(`seeding ${ORGS} orgs (load ${loadavg()[0]?.toFixed(1)})`);
  const orgs = await seedOrganizations({
    db,
    control,
    env: cluster.env,
    orgs: ORGS,
    recordsPerObject: RECORDS,
    intervalMinutes: INTERVAL_MINUTES,
  });

  cluster.start('api', 'api');
  const names = Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`);
  // SIM_PROFILE=<dir>: worker-1 writes a V8 CPU profile there when it stops (where a poll's time goes).
  const profile = process.env.SIM_PROFILE
    ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(process.env.SIM_PROFILE)}` }
    : {};
  for (const name of names) cluster.start(name, 'worker', name === 'worker-1' ? profile : {});
  const pids = () => new Map([...cluster.processes].map(([name, p]) => [name, p.child.pid ?? 0]));
  const idOf = (name: string) => `${hostname()}:${cluster.processes.get(name)?.child.pid}`;
  // Its own connection: the sampler's queries run beside the simulation's own.
  const sampling = new pg.Client({ connectionString: tagged });
  await sampling.connect();
  sampling.on('error', () => {});
  const sampler = startSampler(sampling, pids);
  const timeline = startCpuTimeline(pids);
  const workersConnected = async () => {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'ch-worker %'`,
    );
    return rows[0]?.n ?? 0;
  };
  await waitFor('every worker connected', 300_000, async () => (await workersConnected()) >= WORKERS);
  await startSyncs(db, intervalMs);
  say(`syncs on (interval ${intervalMs / 1000} s); warming up`);
  await waitFor('every CDC sync subscribed and every first load done', 1_500_000, async () => {
    const held = [...(await leasesByOwner(sql)).values()].reduce((a, b) => a + b, 0);
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ObjectSync" WHERE "fullLoadCompletedAt" IS NULL`,
    );
    return held >= ORGS && rows[0]?.n === 0;
  });
  await sleep(Math.max(intervalMs, 10_000));

  const from = new Date();
  // worker-1 lives through the window: its CPU per REST poll (its CDC work included) is an upper bound.
  const profiled = { id: idOf('worker-1'), pid: cluster.processes.get('worker-1')?.child.pid };
  const cpuFrom = cpuSeconds(profiled.pid);
  say(`measuring for ${SECONDS} s, ${CHANGES_PER_SECOND} changes/s`);
  const changes = startChanges(control, orgs, CHANGES_PER_SECOND);
  await sleep((SECONDS * 1000) / 2);
  const victim = names[1] ?? names[0] ?? 'worker-1';
  // Killed while it runs a poll, when it can within 30 s, so that the REST takeover is measured too;
  // what it held is read just after the kill: the runs it left RUNNING are the ones to take over.
  await waitFor('a poll in flight on the victim', 30_000, () => pollsInFlight(sql, idOf(victim))).catch(
    () => {},
  );
  const killedAt = new Date();
  cluster.processes.get(victim)?.child.kill('SIGKILL');
  const held = await snapshotHeld(sql, idOf(victim));
  const replacement = `worker-${WORKERS + 1}`;
  say(
    `SIGKILLed ${victim} (${held.cdc} CDC leases, ${held.rest} polls in flight); ${replacement} in ${REPLACE_AFTER_S} s`,
  );
  const takeover = held.takenOver(killedAt);
  // An orchestrator restarts a dead process after some seconds: the survivors take its work over
  // first and hand a share to the replacement later, the path with the most moves.
  await sleep(REPLACE_AFTER_S * 1000);
  cluster.start(replacement, 'worker');
  await sleep((SECONDS * 1000) / 2 - REPLACE_AFTER_S * 1000);
  // The second half ends no sooner than the replacement has been up for a while.
  await waitFor('the replacement connected', 300_000, async () => (await workersConnected()) >= WORKERS);
  await sleep(20_000);
  changes.stop();
  const to = new Date();
  const cpuUsed = cpuSeconds(profiled.pid) - cpuFrom;
  const leases = await leasesByOwner(sql);
  const live = [...names.filter((n) => n !== victim), replacement];
  const perWorker = live.map((name) => leases.get(idOf(name)) ?? 0);

  say(`settling up to ${SETTLE_SECONDS} s`);
  let lost = await lostChanges(db, control, orgs);
  const settleBy = Date.now() + SETTLE_SECONDS * 1000;
  while (lost > 0 && Date.now() < settleBy) {
    await sleep(5_000);
    lost = await lostChanges(db, control, orgs);
  }
  sampler.stop();
  timeline.stop();
  print(timeline.around(killedAt));
  print(await runsAroundKill(sql, killedAt));
  const late = await pollLateness(sql, from, to);
  say(`polls over 1 s late, by due time from the kill: ${await lateAroundKill(sql, from, to, killedAt)}`);
  printReport({
    orgs: ORGS,
    workers: WORKERS,
    intervalMs,
    seconds: SECONDS,
    changes: changes.counts(),
    ...(await pollsStarted(sql, from, to).then((p) => ({
      polls: p.polls,
      pollMs: { p50: p.durationP50, p99: p.durationP99 },
    }))),
    late,
    doubleRuns: await doubleRuns(sql, killedAt),
    leases: live.map((name, i) => ({
      name,
      leases: perWorker[i] ?? 0,
      rssMb: sampler.rssMax.get(name) ?? 0,
    })),
    rssMaxMb: Math.max(0, ...names.concat(replacement).map((n) => sampler.rssMax.get(n) ?? 0)),
    apiRssMb: sampler.rssMax.get('api') ?? 0,
    takeover: await takeover,
    connectionsMax: sampler.connectionsMax(),
    lost,
    load: sampler.load(),
    errors,
    worker1: { cpuS: cpuUsed, polls: await pollsBy(sql, profiled.id, from, to) },
  });
  await Promise.all([sql.end(), sampling.end()]);
  await db.$disconnect();
  await finish(0);
} catch (error) {
  console.error(error);
  await finish(1);
}
