import type { RetryPolicy } from '@ch/salesforce';
import { PgBoss } from 'pg-boss';
import type { Deps } from '../deps.ts';
import { startPeriodic } from '../periodic.ts';
import { workerApplicationName } from './cdc/lease.ts';
import { type CdcSupervisor, type CdcSupervisorOptions, startCdcSupervisor } from './cdc/supervisor.ts';
import { WORKER_ID } from './run-history.ts';
import { runPoll } from './run-poll.ts';
import { type PollJob, pollKeyOf, type SchedulerOptions, startScheduler } from './scheduler.ts';
import { createRunLocks } from './sync-lock.ts';

const POLL_QUEUE = 'salesforce-poll';
/** pg-boss fails a job still running after this; a run stops itself well before (RUN_SHARE). */
const POLL_EXPIRY_SECONDS = 3600;
// A run stops between pages after this share of its job's expiry, so a long full load is never
// expired while it progresses: it goes on in the next run, from its checkpoint.
const RUN_SHARE = 0.75;

export interface Engine {
  /** Enqueue what is due now (the scheduler also does this on its own timer); 0 when skipped. */
  tick(): Promise<number>;
  /** Resolves when the tick in progress (the one at start, say) is done. */
  settled(): Promise<void>;
  /** This process's CDC subscriptions (undefined when the engine does not work: `work: false`). */
  cdc: CdcSupervisor | undefined;
  /**
   * Takes no more work, stops the polls in flight at once (each records its run as stopped and
   * due again; its committed pages stay), releases the CDC leases and stops pg-boss, waiting at
   * most `timeoutMs` for its handlers.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * The sync workers. Any number of processes may run this against one database: pg-boss's
 * `exclusive` policy keyed by sync id lets one poll of a sync be queued or active at a time, and a
 * heartbeat hands a job whose worker died to another worker. The slot frees when a job expires
 * while its handler may still run, so each run also holds the sync's run lock (sync-lock.ts).
 * One process at a time schedules (scheduler.ts): it claims what is due and enqueues it in a batch.
 */
export async function startEngine(
  deps: Deps,
  options: {
    databaseUrl: string;
    /** The scheduler's tick (default 2 s); the first one runs at start unless `tickAtStart` is false. */
    tickMs?: number;
    tickAtStart?: boolean;
    work?: boolean;
    retry?: Partial<RetryPolicy>;
    /** First back-off after a failed poll (run-poll.ts). */
    failureBackoffMs?: number;
    /** A poll job's expiry (tests shorten it); a run stops between pages before it. */
    pollExpirySeconds?: number;
    /** Scheduler settings (claim, batch); tests shorten them. */
    scheduler?: Omit<SchedulerOptions, 'queue' | 'expirySeconds'>;
    /** CDC supervisor settings (worker id, tick, lease); tests shorten them and name the worker. */
    cdc?: Omit<CdcSupervisorOptions, 'retry'>;
  },
): Promise<Engine> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: 'pgboss',
    max: 4,
    // How the CDC supervisors count the workers connected, to share the subscriptions fairly.
    application_name: workerApplicationName(WORKER_ID),
    superviseIntervalSeconds: 10,
    // pg-boss fails a job whose heartbeat went stale only in a queue's monitor pass, at most once per
    // monitorIntervalSeconds (60 s by default): a killed worker's poll came back 36-55 s later
    // (test/fidelity/poll-takeover.int.test.ts). Every 10 s: 16-20 s in pnpm sim:scale (decision 026).
    monitorIntervalSeconds: 10,
  });
  boss.on('error', (error) => deps.logger.error({ err: error }, 'job queue error'));
  await boss.start();
  // A poll whose worker died is noticed by its missed heartbeat (10 s, checked every 10 s) and
  // offered once more at once to another worker: its sync is polled again within ~20 s instead of
  // waiting for the scheduler's 60 s claim (pnpm sim:scale, docs/decisions/026). The run lock
  // still keeps two runs of one sync apart.
  const pollQueue = { heartbeatSeconds: 10, retryLimit: 1, retryDelay: 0 };
  if (!(await boss.getQueue(POLL_QUEUE))) {
    await boss.createQueue(POLL_QUEUE, { policy: 'exclusive', expireInSeconds: 3600, ...pollQueue });
  } else {
    await boss.updateQueue(POLL_QUEUE, pollQueue);
  }
  const expirySeconds = options.pollExpirySeconds ?? POLL_EXPIRY_SECONDS;
  const tickMs = options.tickMs ?? 2000;
  const scheduler = startScheduler(deps, boss, {
    // A poll due before the next tick is claimed by this one and starts on time (at most 2 s ahead).
    aheadMs: Math.min(tickMs, 2000),
    ...options.scheduler,
    queue: POLL_QUEUE,
    expirySeconds,
  });
  // The tick at start and every tickMs, never two at once in this process (periodic.ts).
  const ticks = startPeriodic('sync scheduler tick', () => scheduler.tick(), {
    everyMs: tickMs,
    logger: deps.logger,
    atStart: options.tickAtStart ?? true,
  });
  // Aborted by stop(): a poll in flight, even one waiting on a slow org, stops at once.
  const stopping = new AbortController();
  const runLocks = createRunLocks(options.databaseUrl, deps.env.SYNC_POLL_CONCURRENCY);
  if (options.work !== false) {
    await boss.work<Partial<PollJob> & { syncId: string }>(
      POLL_QUEUE,
      // Each of the SYNC_POLL_CONCURRENCY fetch loops takes one job, runs it, then waits out the
      // rest of pollingIntervalSeconds before fetching again: a worker starts at most
      // concurrency / interval polls a second however short they are (at 1 s, 3 workers ran
      // exactly 6.0 polls/s of 0.1 s each and 1,000 orgs never warmed up: pnpm sim:scale,
      // docs/decisions/026). 0.5 s is pg-boss's least; size SYNC_POLL_CONCURRENCY for the rest.
      { batchSize: 1, localConcurrency: deps.env.SYNC_POLL_CONCURRENCY, pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        if (!job) return;
        const sync = await pollKeyOf(deps.db, job.data);
        if (!sync) return;
        const outcome = await runLocks.hold(sync.id, (lost) =>
          runPoll(deps, sync, {
            ...(options.retry ? { retry: options.retry } : {}),
            ...(options.failureBackoffMs !== undefined ? { failureBackoffMs: options.failureBackoffMs } : {}),
            signal: AbortSignal.any([
              job.signal,
              lost,
              stopping.signal,
              AbortSignal.timeout(expirySeconds * RUN_SHARE * 1000),
            ]),
          }),
        );
        // Another run of this sync still holds the lock (its job expired): a tick soon asks again.
        if (outcome === 'busy') {
          deps.logger.info({ syncId: sync.id }, 'sync poll already running');
          await scheduler.recheckSoon({ organizationId: sync.organizationId, syncId: sync.id });
        }
      },
    );
  }

  // CDC needs no queue: each worker's supervisor leases the subscriptions it holds (cdc/supervisor.ts).
  const cdc =
    options.work === false
      ? undefined
      : startCdcSupervisor(deps, { ...options.cdc, ...(options.retry ? { retry: options.retry } : {}) });

  return {
    tick: async () => (await ticks.runNow()) ?? 0,
    settled: () => ticks.settled(),
    cdc,
    async stop({ timeoutMs = 30_000 } = {}) {
      await ticks.stop();
      stopping.abort(new Error('the worker is stopping'));
      // Closes the subscriptions, commits the events in hand and releases the leases; meanwhile
      // pg-boss fetches nothing more and waits for the handlers, which end at their next step.
      await Promise.all([cdc?.stop(), boss.stop({ graceful: true, timeout: timeoutMs })]);
      // Idle lock connections end now; a handler pg-boss stopped waiting for ends its own when it
      // returns, so a stuck one cannot hold the stop past its bound.
      await Promise.race([
        runLocks.close(),
        new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    },
  };
}
