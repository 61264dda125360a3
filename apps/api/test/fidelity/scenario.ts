import { Prng } from '@ch/salesforce-emulator/prng';
import type { Deps } from '../../src/deps.ts';
import { crashDuringFullLoad, Driver } from './driver.ts';
import { randomChange } from './mix.ts';
import { allDifferences } from './truth.ts';
import { startWorld, type World } from './world.ts';

export interface ScenarioOptions {
  /** Salesforce transactions before the methods are swapped, and again after. */
  changesPerPhase?: number;
  /** How long the copy may take to converge once the changes stop. */
  convergeMs?: number;
}

export interface ScenarioResult {
  seed: number;
  /** The phase that was checked last (1: before the swap, 2: after). */
  phase: number;
  /** What differs from the truth at the deadline: empty when the copy converged. */
  differences: string[];
  /** Every change and fault, in order: enough to follow a failing seed. */
  log: string[];
  ms: number;
}

// Under five failing runs in a row (TRIP_AFTER): each 5xx injection fails at most one run, since
// every request is retried once. More would trip the breaker by design, which is not a copy bug.
const MAX_5XX = 4;
const BULK_SEED_THRESHOLD = 10;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One seed: Contact on REST and Lead on CDC, two workers with short leases, a REST worker killed
 * mid-load and a CDC worker restarted mid-load, random transactions with faults (outages of days
 * among them), the methods swapped, more of the same with the methods swapped back mid-run; after
 * each phase the copy must converge to the emulator's truth for both objects.
 */
export async function runScenario(
  deps: Deps,
  databaseUrl: string,
  seed: number,
  options: ScenarioOptions = {},
): Promise<ScenarioResult> {
  const started = Date.now();
  const prng = new Prng(seed);
  const log: string[] = [];
  // Every third seed loads through Bulk API 2.0: its threshold lowered below the seed's records.
  const bulk = seed % 3 === 0;
  // Odd seeds follow CDC over the Pub/Sub API, even ones over CometD: the seeds cover both.
  const transport = seed % 2 === 1 ? 'pubsub' : 'cometd';
  log.push(`CDC over ${transport}`);
  const world = await startWorld(
    bulk ? { ...deps, env: { ...deps.env, SYNC_BULK_THRESHOLD: BULK_SEED_THRESHOLD } } : deps,
    `fidelity seed ${seed}`,
    transport,
  );
  if (bulk) log.push(`full loads above ${BULK_SEED_THRESHOLD} records through Bulk API 2.0`);
  const driver = new Driver(world, databaseUrl);
  try {
    // Small pages and slow responses, so that the first loads are caught part-way.
    await world.control.setBatchSize('acme', prng.int(15, 40));
    await world.control.setLatency(15);
    await driver.start();
    const pages = prng.int(1, 4);
    await crashDuringFullLoad(world, world.syncs.CONTACT, pages);
    log.push(`REST worker killed after ${pages} full-load pages`);
    const jobs = (await world.control.bulkJobs('acme')).length;
    if (bulk !== jobs > 0) {
      const wrong = `${jobs} Bulk API jobs for a ${bulk ? 'Bulk' : 'REST'} seed`;
      return { seed, phase: 1, differences: [wrong], log, ms: Date.now() - started };
    }
    await loadUnderWay(world);
    const crash = prng.chance(0.5);
    await driver.restart(crash);
    log.push(`worker 0 ${crash ? 'killed' : 'restarted'} during the CDC full load`);
    await world.control.setLatency(0);

    const faults = { fivexx: 0 };
    const changes = options.changesPerPhase ?? 14;
    // One outage of days per seed, at a random point of either phase.
    const outageAt = { phase: prng.int(1, 2), change: prng.int(0, changes - 1) };
    for (const phase of [1, 2]) {
      if (phase === 2) {
        await swapMethods(world, 'CDC');
        log.push('methods swapped: Contact on CDC, Lead on REST');
      }
      // Once per seed, the methods swap back while polls and CDC sessions are under way.
      const switchAt = phase === 2 ? prng.int(0, changes - 1) : -1;
      for (let i = 0; i < changes; i++) {
        if (i === switchAt) {
          await driver.poll();
          await swapMethods(world, 'REST');
          log.push('methods swapped back mid-run: Contact on REST, Lead on CDC');
        }
        if (phase === outageAt.phase && i === outageAt.change) log.push(await outage(world, driver, prng));
        log.push(await randomChange(world, prng));
        if (prng.chance(0.3)) await driver.poll();
        if (prng.chance(0.15)) log.push(await injectFault(world, driver, prng, faults));
        if (prng.chance(0.2)) await wait(prng.int(5, 60)); // let the workers interleave
      }
      // Checked after each phase: the next method would otherwise mend what this one got wrong.
      await world.control.clearFaults();
      const differences = await converge(world, driver, options.convergeMs ?? 15_000);
      // A Pub/Sub seed must have stayed on Pub/Sub: a fallback to CometD would test the wrong path.
      const fellBack = await world.deps.db.syncRun.count({
        where: {
          objectSync: { organizationId: world.organizationId },
          error: { contains: 'over CometD instead' },
        },
      });
      if (fellBack > 0) differences.push(`${fellBack} run(s) fell back from Pub/Sub to CometD`);
      if (differences.length > 0) return { seed, phase, differences, log, ms: Date.now() - started };
    }
    return { seed, phase: 2, differences: [], log, ms: Date.now() - started };
  } finally {
    await driver.stop();
    await world.close();
  }
}

async function injectFault(world: World, driver: Driver, prng: Prng, faults: { fivexx: number }) {
  const kind = prng.pick(['5xx', 'token', 'drop', 'restart'] as const);
  if (kind === '5xx' && faults.fivexx < MAX_5XX) {
    faults.fivexx += 1;
    const [count, status] = [prng.int(1, 2), prng.pick([500, 503] as const)];
    const path = prng.pick([undefined, '/query', '/sobjects', '/cometd']);
    await world.control.failNextRequests(count, status, path);
    return `fault: the next ${count} requests${path ? ` to ${path}` : ''} answer ${status}`;
  }
  if (kind === 'token') {
    await world.control.expireAccessTokens({ org: 'acme' });
    return 'fault: access tokens expired';
  }
  if (kind === 'drop') {
    const cometd = await world.control.dropCometdClients();
    const pubsub = await world.control.dropPubSubStreams();
    return `fault: ${cometd} CometD client(s) and ${pubsub} Pub/Sub stream(s) dropped`;
  }
  const [crash, worker] = [prng.chance(0.5), prng.int(0, 1)];
  await driver.restart(crash, worker);
  return `fault: worker ${worker} ${crash ? 'killed' : 'restarted'}`;
}

const DAY = 24 * 3_600_000;

/**
 * Both workers down for days while Salesforce changes: past CDC's 72-hour replay window, and
 * sometimes past the recycle bin's 15 days (a resync). The changes are spread over the outage, so
 * some are older than what a poll or a replay reaches back to when the workers return.
 */
async function outage(world: World, driver: Driver, prng: Prng): Promise<string> {
  await driver.stop();
  const days = prng.pick([1, 2, 4, 8, 16]);
  const steps = prng.int(1, 3);
  const done: string[] = [];
  for (let i = 0; i < steps; i++) {
    await world.advanceClock((days * DAY) / steps);
    done.push(await randomChange(world, prng));
  }
  await driver.start();
  return `fault: both workers down for ${days} days (${done.join('; ')})`;
}

/** Waits (bounded) until the CDC object's load has committed a page but not finished. */
async function loadUnderWay(world: World) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const sync = await world.deps.db.objectSync.findFirstOrThrow({ where: { id: world.syncs.LEAD } });
    if (sync.fullLoadDone > 0 || sync.fullLoadCompletedAt) return;
    await wait(5);
  }
}

/** What PATCH /syncs/:object saves when an admin changes the method: Contact on one, Lead on the other. */
async function swapMethods(world: World, contact: 'CDC' | 'REST') {
  const { db } = world.deps;
  const reset = { consecutiveFailures: 0, nextRunAt: null };
  const settings = {
    CDC: { method: 'CDC', intervalMinutes: null },
    REST: { method: 'REST', intervalMinutes: 5 },
  } as const;
  await db.objectSync.updateMany({
    where: { id: world.syncs.CONTACT },
    data: { ...settings[contact], ...reset },
  });
  const lead = contact === 'CDC' ? 'REST' : 'CDC';
  await db.objectSync.updateMany({ where: { id: world.syncs.LEAD }, data: { ...settings[lead], ...reset } });
}

/** Polls REST and waits for CDC until the copy equals the truth, or the deadline passes. */
async function converge(world: World, driver: Driver, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await driver.poll(true);
    const differences = await allDifferences(world);
    if (differences.length === 0 || Date.now() > deadline) return differences;
    await wait(50);
  }
}
