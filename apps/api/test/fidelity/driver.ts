import type { SalesforceClient } from '@ch/salesforce';
import { withSalesforce } from '../../src/salesforce/with-salesforce.ts';
import { type Engine, startEngine } from '../../src/sync/engine.ts';
import { fullLoad } from '../../src/sync/rest-poller.ts';
import { type RunTotals, startRun } from '../../src/sync/run-history.ts';
import { runPoll } from '../../src/sync/run-poll.ts';
import { createRunLocks, type RunLocks } from '../../src/sync/sync-lock.ts';
import type { World } from './world.ts';

/** Salesforce retries and CDC timings shortened: faults are injected on purpose and often. */
export const FAST_RETRY = { maxRetries: 1, minTimeoutMs: 5 };
// Short leases: with two workers renewing every 50 ms, a stalled round hands a sync over.
const FAST_CDC = { tickMs: 50, leaseMs: 1_000, backoff: { minMs: 10, maxMs: 100 }, readyTimeoutMs: 5_000 };
const WORKERS = [0, 1] as const;

/**
 * The engines of one seed: two workers on one database. CDC runs in real engines (their
 * supervisors compete for the leases); the schedulers are left idle (hour-long tick) and REST
 * polls are driven here as the queue's job runs them (engine.ts): each worker may start a poll of
 * every sync at once, and the run lock lets one of them run while the other finds it busy.
 */
export class Driver {
  private readonly engines: (Engine | undefined)[] = [];
  private generation = 0;
  private readonly polls = new Map<string, Promise<unknown>>();
  // Each worker's own run locks while started, as each engine has: a connection per sync it may
  // poll at once.
  private locks: RunLocks[] = [];

  constructor(
    private readonly world: World,
    private readonly databaseUrl: string,
  ) {}

  async start(): Promise<void> {
    const syncs = Object.keys(this.world.syncs).length;
    this.locks = WORKERS.map(() => createRunLocks(this.databaseUrl, syncs));
    for (const worker of WORKERS) await this.startWorker(worker);
  }

  private async startWorker(worker: number): Promise<void> {
    this.generation += 1;
    this.engines[worker] = await startEngine(this.world.deps, {
      databaseUrl: this.databaseUrl,
      tickMs: 3_600_000,
      tickAtStart: false,
      retry: FAST_RETRY,
      cdc: { ...FAST_CDC, workerId: `${this.world.organizationId.slice(0, 8)}-w${this.generation}` },
    });
  }

  /** A clean restart of one worker, or a crash: the leases stay until they run out, as after SIGKILL. */
  async restart(crash: boolean, worker = 0): Promise<void> {
    const engine = this.engines[worker];
    if (crash) await engine?.cdc?.stop({ release: false });
    await engine?.stop();
    await this.startWorker(worker);
  }

  /** Starts a poll of every REST sync on each worker that has none in flight; `wait` also awaits them. */
  async poll(wait = false): Promise<void> {
    for (const syncId of Object.values(this.world.syncs)) {
      for (const worker of WORKERS) {
        const key = `${worker}:${syncId}`;
        if (this.polls.has(key)) continue;
        const running = this.locks[worker]!.hold(syncId, (lost) =>
          runPoll(this.world.deps, syncId, { retry: FAST_RETRY, signal: lost }),
        ).finally(() => this.polls.delete(key));
        this.polls.set(key, running);
      }
    }
    if (wait) await Promise.all(this.polls.values());
  }

  async stop(): Promise<void> {
    await Promise.all(this.polls.values());
    await Promise.all(this.engines.map((engine) => engine?.stop()));
    await Promise.all(this.locks.map((locks) => locks.close()));
    this.locks = [];
  }
}

/**
 * A REST worker dying in the middle of a full load: the page after `pages` committed ones is
 * fetched and never applied, and the run stays RUNNING, as a killed process leaves it.
 */
export async function crashDuringFullLoad(world: World, syncId: string, pages: number): Promise<void> {
  const { db } = world.deps;
  const sync = await db.objectSync.findFirstOrThrow({ where: { id: syncId } });
  if (sync.method !== 'REST' || sync.fullLoadCompletedAt) return;
  await startRun(db, sync, 'FULL');
  const totals: RunTotals = { upserted: 0, deleted: 0, apiCalls: 0 };
  const killed = new Error('killed');
  // Bulk pages as small as REST's here, so that a Bulk load too dies part-way; each page is
  // stored in several statements, as a full-size page is.
  const options = { bulkThreshold: world.deps.env.SYNC_BULK_THRESHOLD, bulkPageSize: 20, bulkBatchSize: 7 };
  await withSalesforce(world.deps, world.organizationId, (client) =>
    fullLoad(db, dyingAfter(client, pages, killed), sync, totals, options),
  ).catch((error: unknown) => {
    if (error !== killed) throw error;
  });
}

function dyingAfter(client: SalesforceClient, pages: number, killed: Error): SalesforceClient {
  let seen = 0;
  return {
    ...client,
    queryPages: async function* (soql, options) {
      for await (const page of client.queryPages(soql, options)) {
        // The high-water read and the count are not load pages: only Id-ordered pages count.
        if (soql.includes('ORDER BY Id') && ++seen > pages) throw killed;
        yield page;
      }
    } as SalesforceClient['queryPages'],
    bulkQueryPages: async function* (soql, options) {
      for await (const page of client.bulkQueryPages(soql, options)) {
        if (++seen > pages) throw killed;
        yield page;
      }
    } as SalesforceClient['bulkQueryPages'],
  };
}
