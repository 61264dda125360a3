import type { Deps } from '../../deps.ts';
import { crashDuringFullLoad, Driver } from './driver.ts';
import { randomChange } from './mix.ts';
import { Prng } from './prng.ts';
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
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One seed: Contact on REST and Lead on CDC, a REST worker killed mid-load and the CDC worker
 * restarted mid-load, random transactions with faults, the methods swapped, more of the same;
 * then the copy must converge to the emulator's truth for both objects.
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
  const world = await startWorld(deps, `fidelity seed ${seed}`);
  const driver = new Driver(world, databaseUrl);
  try {
    // Small pages and slow responses, so that the first loads are caught part-way.
    await world.control.setBatchSize('acme', prng.int(15, 40));
    await world.control.setLatency(15);
    await driver.start();
    const pages = prng.int(1, 4);
    await crashDuringFullLoad(world, world.syncs.CONTACT, pages);
    log.push(`REST worker killed after ${pages} full-load pages`);
    await loadUnderWay(world);
    const crash = prng.chance(0.5);
    await driver.restart(crash);
    log.push(`CDC worker ${crash ? 'killed' : 'restarted'} during its full load`);
    await world.control.setLatency(0);

    const faults = { fivexx: 0 };
    const changes = options.changesPerPhase ?? 14;
    for (const phase of [1, 2]) {
      if (phase === 2) {
        await swapMethods(world);
        log.push('methods swapped: Contact on CDC, Lead on REST');
      }
      for (let i = 0; i < changes; i++) {
        log.push(await randomChange(world, prng));
        if (prng.chance(0.3)) await driver.poll();
        if (prng.chance(0.15)) log.push(await injectFault(world, driver, prng, faults));
        if (prng.chance(0.2)) await wait(prng.int(5, 60)); // let the workers interleave
      }
      // Checked after each phase: the next method would otherwise mend what this one got wrong.
      await world.control.clearFaults();
      const differences = await converge(world, driver, options.convergeMs ?? 15_000);
      if (differences.length > 0) return { seed, phase, differences, log, ms: Date.now() - started };
    }
    return { seed, phase: 2, differences: [], log, ms: Date.now() - started };
  } finally {
    await driver.stop();
    await world.close();
  }
}

async function injectFault(world: World, driver: Driver, prng: Prng, faults: { fivexx: number }) {
  const kind = prng.pick(['5xx', 'token', 'cometd', 'restart'] as const);
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
  if (kind === 'cometd') return `fault: ${await world.control.dropCometdClients()} CometD client(s) dropped`;
  const crash = prng.chance(0.5);
  await driver.restart(crash);
  return `fault: CDC worker ${crash ? 'killed' : 'restarted'}`;
}

/** Waits (bounded) until the CDC object's load has committed a page but not finished. */
async function loadUnderWay(world: World) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const sync = await world.deps.db.objectSync.findUniqueOrThrow({ where: { id: world.syncs.LEAD } });
    if (sync.fullLoadDone > 0 || sync.fullLoadCompletedAt) return;
    await wait(5);
  }
}

/** What PATCH /syncs/:object saves when an admin changes the method. */
async function swapMethods(world: World) {
  const { db } = world.deps;
  const reset = { consecutiveFailures: 0, nextRunAt: null };
  await db.objectSync.update({
    where: { id: world.syncs.CONTACT },
    data: { method: 'CDC', intervalMinutes: null, ...reset },
  });
  await db.objectSync.update({
    where: { id: world.syncs.LEAD },
    data: { method: 'REST', intervalMinutes: 5, ...reset },
  });
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
