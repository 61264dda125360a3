import type { ChangeEvent, RetryPolicy } from '@ch/salesforce';
import type { Deps } from '../../deps.ts';
import { eligibleSyncIds } from '../eligible-syncs.ts';
import { WORKER_ID } from '../run-history.ts';
import { countWorkers, markLive, releaseLease, renewLeases, takeLeases } from './lease.ts';
import { type Subscriber, type SubscriberOptions, startSubscriber } from './subscriber.ts';

export interface CdcSupervisorOptions {
  /** This process in leases and run history; injectable so tests can run two "processes". */
  workerId?: string;
  /** How often eligibility is checked and leases renewed (the heartbeat). */
  tickMs?: number;
  /** How long a lease lasts without renewal: a dead worker's syncs move after at most this plus a tick (sooner once its connections are gone). */
  leaseMs?: number;
  /** Most subscriptions this worker holds (default SYNC_CDC_MAX_LEASES_PER_WORKER); the rest are left to others. */
  maxLeases?: number;
  /** Most new subscriptions started per round (default 50): a worker taking on many ramps up. A dead worker's are taken up to the fair share at once. */
  maxNewPerRound?: number;
  retry?: Partial<RetryPolicy>;
  backoff?: SubscriberOptions['backoff'];
  readyTimeoutMs?: number;
  /** Called with each committed batch of events, per sync: for metrics and tests. */
  onApplied?: (syncId: string, events: readonly ChangeEvent[]) => void;
}

export interface CdcSupervisor {
  /** One round: start what this worker may hold, stop what it may not. Also runs on a timer. */
  tick(): Promise<void>;
  /** Syncs subscribed by this worker right now. */
  held(): string[];
  /** `release: false` stops like a crash would: the leases stay until they run out. */
  stop(options?: { release?: boolean }): Promise<void>;
}

// 3 s ticks with a 20 s lease: on/off takes effect within a tick, and a sync whose worker died is
// taken over at the next round once its connections are gone (lease.ts), at most ~23 s otherwise
// (under the 30 s promised), while a few missed heartbeats are tolerated.
const TICK_MS = 3_000;
const LEASE_MS = 20_000;
/**
 * Most subscriptions one round lets go of to hand them to a newcomer. Half of what a newcomer
 * takes a round (MAX_NEW_PER_ROUND), so that two workers above their share together shed no
 * faster than it can pick up: a rebalance is a background move, and at 100 a round it crowded
 * the CPU just as a killed worker's work was being taken over (pnpm sim:scale, decision 026).
 */
const SHED_PER_ROUND = 25;
const MAX_NEW_PER_ROUND = 50;

/**
 * Holds the CDC subscriptions of one worker process. Every worker runs one; the lease in
 * ObjectSync makes sure each sync has one subscriber overall, and a fair share spreads them: a
 * worker renews what it holds, takes new leases only while under its share of the eligible syncs
 * among the workers connected (never above `maxLeases`), and lets go of some above it.
 */
export function startCdcSupervisor(deps: Deps, options: CdcSupervisorOptions = {}): CdcSupervisor {
  const owner = options.workerId ?? WORKER_ID;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const maxLeases = options.maxLeases ?? deps.env.SYNC_CDC_MAX_LEASES_PER_WORKER;
  // A thousand sessions starting at once (load check, run row, token, subscribe) queue on the
  // database pool long enough to stall the round past its lease, which then lets them all go:
  // taking a bounded number per round keeps every round short (decision 024).
  const maxNewPerRound = options.maxNewPerRound ?? MAX_NEW_PER_ROUND;
  const local = new Map<string, Subscriber>();
  // Stopping subscribers, so a sync switched off and on again is not subscribed twice meanwhile.
  const stopping = new Map<string, Promise<void>>();
  let lastRenewal = Date.now();
  let current: Promise<void> | undefined;
  let stopped = false;

  const letGo = (syncId: string, release: boolean) => {
    const subscriber = local.get(syncId);
    if (!subscriber || stopping.has(syncId)) return;
    const done = subscriber
      .stop()
      .then(() => (release ? releaseLease(deps.db, syncId, owner) : undefined))
      .catch((error: unknown) =>
        deps.logger.error({ syncId, err: error }, 'stopping a CDC subscriber failed'),
      )
      .finally(() => {
        local.delete(syncId);
        stopping.delete(syncId);
      });
    stopping.set(syncId, done);
  };

  const round = async () => {
    // Renewals failing for a whole lease (database trouble): someone else may hold our syncs now.
    if (Date.now() - lastRenewal > leaseMs) for (const id of local.keys()) letGo(id, false);
    const eligible = new Set(await eligibleSyncIds(deps.db, 'CDC'));
    for (const id of local.keys()) if (!eligible.has(id)) letGo(id, true);
    // Renew only what runs here; a lease lost meanwhile (we stalled past it) is let go.
    const mine = [...local.keys()].filter((id) => eligible.has(id) && !stopping.has(id));
    const renewed = await renewLeases(deps.db, mine, owner, leaseMs);
    lastRenewal = Date.now();
    for (const id of mine) if (!renewed.has(id)) letGo(id, false);
    await markLive(
      deps.db,
      [...local].filter(([id, sub]) => renewed.has(id) && sub.live && !stopping.has(id)).map(([id]) => id),
    );
    // A fair share of the eligible syncs among the workers connected now, never above the cap:
    // above it (a worker joined) some are let go for the newcomer to take; below it, more taken.
    const share = Math.min(maxLeases, Math.ceil(eligible.size / (await countWorkers(deps.db))));
    const over = Math.min(SHED_PER_ROUND, renewed.size - share);
    for (const id of [...renewed].slice(0, Math.max(0, over))) letGo(id, true);
    // New leases only up to the share (subscriptions still stopping count: they hold theirs).
    const room = stopped ? 0 : share - renewed.size - stopping.size;
    const free = [...eligible].filter((id) => !local.has(id) && !stopping.has(id));
    // A dead worker's syncs first, up to the whole share in one round: they need no full load, so
    // the bound on new ones (which protects the pool from many loads) would only slow the takeover.
    const won = await takeLeases(deps.db, free, owner, leaseMs, room, { orphansOnly: true });
    const fresh = free.filter((id) => !won.has(id));
    const more = Math.min(room - won.size, maxNewPerRound);
    for (const id of await takeLeases(deps.db, fresh, owner, leaseMs, more)) won.add(id);
    const targets =
      won.size === 0
        ? []
        : await deps.db.objectSync.findMany({
            where: { id: { in: [...won] } },
            select: { id: true, organizationId: true, object: true },
          });
    for (const target of targets) {
      const { id } = target;
      const subscriber = startSubscriber(deps, target, {
        owner,
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
        ...(options.onApplied ? { onApplied: (events) => options.onApplied?.(id, events) } : {}),
      });
      local.set(id, subscriber);
      // Ended by itself (breaker tripped, lease lost): forget it and let the lease go.
      void subscriber.done.then(() => {
        if (local.get(id) === subscriber && !stopping.has(id)) letGo(id, true);
      });
    }
  };

  const tick = () => {
    // Rounds never overlap: a slow one is joined, not doubled.
    current ??= round()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'CDC supervisor tick failed'))
      .finally(() => {
        current = undefined;
      });
    return current;
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? TICK_MS);
  void tick();

  return {
    tick,
    held: () => [...local.keys()].filter((id) => !stopping.has(id)),
    async stop({ release = true } = {}) {
      stopped = true;
      clearInterval(timer);
      await current;
      for (const id of local.keys()) letGo(id, release);
      await Promise.all(stopping.values());
    },
  };
}
