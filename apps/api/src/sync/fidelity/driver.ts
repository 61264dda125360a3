import type { SalesforceClient } from '@ch/salesforce';
import { withSalesforce } from '../../modules/salesforce-connection/salesforce-client.ts';
import { type Engine, startEngine } from '../engine.ts';
import { fullLoad } from '../rest-poller.ts';
import { type RunTotals, startRun } from '../run-history.ts';
import { runPoll } from '../run-poll.ts';
import type { World } from './world.ts';

/** Salesforce retries and CDC timings shortened: faults are injected on purpose and often. */
export const FAST_RETRY = { maxRetries: 1, minTimeoutMs: 5 };
const FAST_CDC = { tickMs: 50, leaseMs: 1_000, backoff: { minMs: 10, maxMs: 100 }, readyTimeoutMs: 5_000 };

/**
 * The engine of one seed. CDC runs in a real engine (its supervisor, leases and subscribers); the
 * scheduler is left idle (hour-long tick) and REST polls are driven here with runPoll, the job the
 * queue would run, one at a time per sync as pg-boss's exclusive policy guarantees.
 */
export class Driver {
  private engine: Engine | undefined;
  private generation = 0;
  private readonly polls = new Map<string, Promise<void>>();

  constructor(
    private readonly world: World,
    private readonly databaseUrl: string,
  ) {}

  async start(): Promise<void> {
    this.generation += 1;
    this.engine = await startEngine(this.world.deps, {
      databaseUrl: this.databaseUrl,
      tickMs: 3_600_000,
      retry: FAST_RETRY,
      cdc: { ...FAST_CDC, workerId: `${this.world.organizationId.slice(0, 8)}-w${this.generation}` },
    });
  }

  /** A clean restart, or a crash: the leases stay until they run out, as after SIGKILL. */
  async restart(crash: boolean): Promise<void> {
    if (crash) await this.engine?.cdc?.stop({ release: false });
    await this.engine?.stop();
    await this.start();
  }

  /** Starts a poll of every REST sync that has none in flight; `wait` also awaits them. */
  async poll(wait = false): Promise<void> {
    for (const syncId of Object.values(this.world.syncs)) {
      if (this.polls.has(syncId)) continue;
      const running = runPoll(this.world.deps, syncId, { retry: FAST_RETRY }).finally(() =>
        this.polls.delete(syncId),
      );
      this.polls.set(syncId, running);
    }
    if (wait) await Promise.all(this.polls.values());
  }

  async stop(): Promise<void> {
    await Promise.all(this.polls.values());
    await this.engine?.stop();
  }
}

/**
 * A REST worker dying in the middle of a full load: the page after `pages` committed ones is
 * fetched and never applied, and the run stays RUNNING, as a killed process leaves it.
 */
export async function crashDuringFullLoad(world: World, syncId: string, pages: number): Promise<void> {
  const { db } = world.deps;
  const sync = await db.objectSync.findUniqueOrThrow({ where: { id: syncId } });
  if (sync.method !== 'REST' || sync.fullLoadCompletedAt) return;
  await startRun(db, sync, 'FULL');
  const totals: RunTotals = { upserted: 0, deleted: 0, apiCalls: 0 };
  const killed = new Error('killed');
  await withSalesforce(world.deps, world.organizationId, (client) =>
    fullLoad(db, dyingAfter(client, pages, killed), sync, totals),
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
  };
}
