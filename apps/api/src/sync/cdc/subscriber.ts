import { type ObjectSync, type SyncRunKind, tenantKey } from '@ch/db';
import {
  isSalesforceError,
  PUBSUB_UNREACHABLE,
  type RetryPolicy,
  type SalesforceClient,
} from '@ch/salesforce';
import type { Deps } from '../../deps.ts';
import { backoffMs } from '../../salesforce/failure-policy.ts';
import { withSalesforce } from '../../salesforce/with-salesforce.ts';
import { backfillPending } from '../backfill.ts';
import { recordSuccess } from '../circuit-breaker.ts';
import { withFieldDrift } from '../field-drift.ts';
import { fullLoad } from '../rest-poller.ts';
import { finishRun, type RunTotals, startRun } from '../run-history.ts';
import type { CdcTarget } from './apply-events.ts';
import { type NextStep, reloadFromScratch, settleAttempt, type WorkEnd } from './attempt-outcome.ts';
import { type FollowOptions, followChanges } from './follow-changes.ts';
import { inLoadSlot } from './load-slots.ts';
import { NO_POSITION } from './position.ts';
import { sleep, stoppable } from './stopping.ts';

export interface SubscriberOptions {
  owner: string;
  retry?: Partial<RetryPolicy>;
  /** How long a subscribe may go unanswered before the attempt counts as failed. */
  readyTimeoutMs?: number;
  /** Reconnect back-off after a failure: doubles from `minMs` up to `maxMs`, with jitter. */
  backoff?: { minMs?: number; maxMs?: number };
  onApplied?: FollowOptions['onApplied'];
}

export interface Subscriber {
  /** Settles when the loop ended: stopped, lease lost, or the breaker tripped. */
  readonly done: Promise<void>;
  /** Subscribed and following changes right now (for the heartbeat that keeps lastSuccessAt current). */
  readonly live: boolean;
  stop(): Promise<void>;
}

type Work = (client: SalesforceClient, totals: RunTotals) => Promise<WorkEnd>;

/** Salesforce keeps change events 72 hours; two hours of margin for clocks and slow starts. */
const REPLAYABLE_MS = 70 * 3_600_000;

type LoadState = Pick<
  ObjectSync,
  | 'fullLoadCompletedAt'
  | 'fullLoadStartedAt'
  | 'fullLoadTotal'
  | 'lastSuccessAt'
  | 'replayId'
  | 'pubsubReplayId'
>;

/**
 * Whether the copy must be loaded again from scratch before subscribing, because replaying every
 * retained event (-2) would not reach back far enough. A load's own changes are caught by the
 * replay that follows it, so the replay must reach back to when the load started: a load begun
 * (finished or not) longer ago than the window, with no newer position, leaves changes to the
 * pages it already read unrecoverable (a load stopped mid-way and resumed days later).
 */
export function mustReload(sync: LoadState, now = Date.now()): boolean {
  const since = now - REPLAYABLE_MS;
  if (!sync.fullLoadCompletedAt) {
    // Not begun: nothing to lose. Begun with no start time (before it was stored): assume the worst.
    return sync.fullLoadTotal !== null && (sync.fullLoadStartedAt?.getTime() ?? 0) <= since;
  }
  if (sync.replayId !== null || sync.pubsubReplayId !== null) return false;
  // A load starts before it completes (min: also when either was set by hand, as tests do).
  const loadStart = Math.min(
    sync.fullLoadCompletedAt.getTime(),
    sync.fullLoadStartedAt?.getTime() ?? Number.POSITIVE_INFINITY,
  );
  return Math.max(loadStart, sync.lastSuccessAt?.getTime() ?? 0) <= since;
}

/**
 * One sync's CDC for as long as this worker holds its lease: the full load when there is none,
 * then a subscription; after a failure it reconnects with back-off, after an overflow or an
 * invalid replay id it loads everything again. Each load and each subscription session is a run.
 */
export function startSubscriber(deps: Deps, target: CdcTarget, options: SubscriberOptions): Subscriber {
  const { db } = deps;
  const stopper = new AbortController();
  const { signal } = stopper;
  const minMs = options.backoff?.minMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  let live = false;
  // Pub/Sub unless configured otherwise; CometD for the rest of this lease once the org's Pub/Sub
  // endpoint could not be reached at all (decision 024).
  let transport = deps.env.SALESFORCE_CDC_TRANSPORT;

  const attempt = async (kind: SyncRunKind, work: Work): Promise<NextStep | 'fallback'> => {
    // The run names this supervisor's worker id (tests inject one per simulated process).
    const run = await startRun(db, target, kind, options.owner);
    const totals: RunTotals = { upserted: 0, deleted: 0, apiCalls: 0 };
    let ended: Parameters<typeof settleAttempt>[5];
    try {
      ended = await withSalesforce(
        deps,
        target.organizationId,
        (connected) => {
          const client = stoppable(connected, signal);
          // A chosen field Salesforce no longer lets us read is dropped, not failed on.
          return withFieldDrift(db, client, target, () => work(client, totals));
        },
        options.retry ? { retry: options.retry } : {},
      );
    } catch (error) {
      ended = { kind: 'error', error, stopping: signal.aborted };
    }
    if (ended.kind === 'error' && !ended.stopping && unreachable(ended.error)) {
      transport = 'cometd';
      const note = `${(ended.error as Error).message}: following changes over CometD instead`;
      deps.logger.warn({ syncId: target.id }, note);
      // Not the sync's fault, and nothing to wait for: the next session subscribes over CometD.
      await finishRun(db, run, 'DEFERRED', totals, note);
      return 'fallback';
    }
    return settleAttempt(deps, target, options.owner, run, totals, ended);
  };

  const session = async (): Promise<NextStep | 'fallback'> => {
    let sync = await db.objectSync.findUniqueOrThrow({ where: tenantKey(target) });
    if (mustReload(sync)) {
      // A copy from REST polling, an old load, or a load stopped mid-way days ago: -2 would replay
      // only the last 72 hours and silently miss anything older, so load everything from scratch.
      await reloadFromScratch(deps, target, options.owner, NO_POSITION);
      sync = await db.objectSync.findUniqueOrThrow({ where: tenantKey(target) });
    }
    if (!sync.fullLoadCompletedAt) {
      // A few loads at a time per process (load-slots.ts); the rest wait their turn.
      const loaded = await inLoadSlot(signal, () =>
        attempt('FULL', async (client, totals) => {
          // Read again: a retry after a dropped field must not ask for it again.
          await fullLoad(
            db,
            client,
            await db.objectSync.findUniqueOrThrow({ where: tenantKey(target) }),
            totals,
            { bulkThreshold: deps.env.SYNC_BULK_THRESHOLD },
          );
          return { kind: 'done' };
        }),
      );
      if (loaded !== 'done') return loaded;
    }
    if (signal.aborted) return 'stopped';
    const position = await db.objectSync.findUniqueOrThrow({
      where: tenantKey(target),
      select: { replayId: true, pubsubReplayId: true },
    });
    const pubsub = transport === 'pubsub' ? await pubSubTarget(deps, target.organizationId) : undefined;
    return attempt('CDC', async (client, totals) => {
      // Fields chosen since the last session are read for the stored records first (backfill.ts).
      await backfillPending(
        db,
        client,
        await db.objectSync.findUniqueOrThrow({ where: tenantKey(target) }),
        totals,
      );
      return followChanges(
        db,
        client,
        { ...target, ...position },
        {
          owner: options.owner,
          ...(pubsub ? { pubsub } : {}),
          signal,
          totals,
          ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
          // Subscribed: the sync works again, whatever failed before.
          onReady: () => {
            live = true;
            void recordSuccess(db, target).catch(() => undefined);
          },
          onApplied: (events) => {
            if (events.length > 0)
              deps.metrics.cdcEventsApplied.inc(
                { object: target.object, transport: pubsub ? 'pubsub' : 'cometd' },
                events.length,
              );
            options.onApplied?.(events);
          },
        },
      ).finally(() => {
        live = false;
      });
    });
  };

  const loop = async () => {
    let failures = 0;
    while (!signal.aborted) {
      const next = await session().catch((error: unknown) => {
        // Only our own bookkeeping (the database) gets here; retried like any failure.
        deps.logger.error({ syncId: target.id, err: error }, 'CDC session bookkeeping failed');
        return 'failed' as const;
      });
      if (next === 'stopped' || next === 'tripped' || next === 'lost') return;
      if (next === 'done' || next === 'resync' || next === 'fallback') {
        failures = 0;
        continue;
      }
      failures += 1;
      // Deferred (quota, connection): wait the longest, it will not clear in a second.
      await sleep(backoffMs(failures, { firstMs: next === 'deferred' ? maxMs : minMs, maxMs }), signal);
    }
  };

  const done = loop();
  return {
    done,
    get live() {
      return live;
    },
    async stop() {
      stopper.abort();
      await done;
    },
  };
}

const unreachable = (error: unknown) => isSalesforceError(error) && error.errorCode === PUBSUB_UNREACHABLE;

/** The Pub/Sub API for this org: the endpoint and the org's id (the tenant), once it is connected. */
async function pubSubTarget(deps: Deps, organizationId: string) {
  const account = await deps.db.salesforceAccount.findUnique({
    where: { organizationId },
    select: { salesforceOrgId: true },
  });
  const endpoint = deps.salesforceApp.pubsub ?? { endpoint: deps.env.SALESFORCE_PUBSUB_ENDPOINT };
  return account ? { ...endpoint, tenantId: account.salesforceOrgId } : undefined;
}
