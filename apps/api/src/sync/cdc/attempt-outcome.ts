import type { TenantKey } from '@ch/db';
import { type ChangeEvent, isSalesforceError } from '@ch/salesforce';
import type { Deps } from '../../deps.ts';
import { failureMessage, isDeferral } from '../../salesforce/failure-policy.ts';
import { recordFailure } from '../circuit-breaker.ts';
import { resetFullLoad } from '../full-load-reset.ts';
import { finishRun, type RunTotals } from '../run-history.ts';
import { LeaseLostError } from './apply-events.ts';
import { NO_POSITION, positionAfter, type StoredPosition } from './position.ts';

/** How a load or a subscription session ended by itself. */
export type WorkEnd = { kind: 'done' } | { kind: 'stopped' } | { kind: 'resync'; after: ChangeEvent };

/** What the subscriber loop does next. */
export type NextStep = 'done' | 'stopped' | 'resync' | 'failed' | 'deferred' | 'tripped' | 'lost';

type Ended = WorkEnd | { kind: 'error'; error: unknown; stopping: boolean };

/**
 * Finishes the run and decides what follows. Counted against the breaker: everything except a
 * stop, a lost lease, an invalid replay id (answered by a resync, not a retry), and what is not
 * the sync's fault (rate limit, lost authorization: withSalesforce already paused the syncs).
 */
export async function settleAttempt(
  deps: Deps,
  sync: TenantKey,
  owner: string,
  run: TenantKey<bigint>,
  totals: RunTotals,
  ended: Ended,
): Promise<NextStep> {
  const { db } = deps;
  if (ended.kind === 'done' || ended.kind === 'stopped') {
    await finishRun(db, run, 'SUCCEEDED', totals);
    return ended.kind;
  }
  if (ended.kind === 'resync') {
    await finishRun(db, run, 'SUCCEEDED', totals, 'GAP_OVERFLOW: loading every record again');
    // After the reload, resume right after the overflow: replaying it again would loop.
    await reloadFromScratch(deps, sync, owner, positionAfter([ended.after]));
    return 'resync';
  }
  const { error } = ended;
  const message = failureMessage(error);
  if (ended.stopping) {
    await finishRun(db, run, 'DEFERRED', totals, 'stopped');
    return 'stopped';
  }
  if (isSalesforceError(error, 'invalid_replay')) {
    await finishRun(db, run, 'FAILED', totals, `${message} (loading every record again)`);
    await reloadFromScratch(deps, sync, owner, NO_POSITION);
    return 'resync';
  }
  if (error instanceof LeaseLostError) {
    await finishRun(db, run, 'FAILED', totals, message);
    return 'lost';
  }
  if (isDeferral(error)) {
    await finishRun(db, run, 'DEFERRED', totals, message);
    return 'deferred';
  }
  await finishRun(db, run, 'FAILED', totals, message);
  const { tripped } = await recordFailure(db, sync, message);
  deps.logger.warn({ syncId: sync.id, tripped, err: error }, 'CDC sync failed');
  return tripped ? 'tripped' : 'failed';
}

/** Forget the load and the position: the next session loads everything, then subscribes. */
export async function reloadFromScratch(
  deps: Deps,
  sync: TenantKey,
  owner: string,
  position: StoredPosition,
) {
  // Only while this worker holds the lease: a holder that lost it changes nothing.
  await resetFullLoad(
    deps.db,
    { organizationId: sync.organizationId, id: sync.id, cdcOwner: owner },
    { ...position },
  );
}
