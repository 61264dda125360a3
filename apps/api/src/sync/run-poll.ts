import { type TenantKey, tenantKey } from '@ch/db';
import type { RetryPolicy } from '@ch/salesforce';
import type { Deps } from '../deps.ts';
import { backoffMs, failureMessage, isDeferral } from '../salesforce/failure-policy.ts';
import { ensureQuota } from '../salesforce/quota.ts';
import { withSalesforce } from '../salesforce/with-salesforce.ts';
import { stoppable } from './cdc/stopping.ts';
import { recordFailure, recordSuccess } from './circuit-breaker.ts';
import { CopyOrgChanged, copyOrgOf, fencedDb } from './copy-fence.ts';
import { withFieldDrift } from './field-drift.ts';
import { FULL_LOAD_RESET, resetFullLoad } from './full-load-reset.ts';
import { fullLoad, pollChanges } from './rest-poller.ts';
import { finishRun, type RunTotals, startRun } from './run-history.ts';

const RATE_LIMIT_DEFER_MS = 15 * 60_000;
/** The first back-off after a failed poll; it doubles per failure in a row. */
const FIRST_BACKOFF_MS = 15_000;
/** How often a worker looks at an organization's API quota before polling it. */
const QUOTA_CHECK_EVERY_MS = 10 * 60_000;
/** Salesforce keeps deleted records in the recycle bin about 15 days; after that queryAll forgets them. */
export const RECYCLE_BIN_MS = 15 * 24 * 3_600_000;

const STOPPED_BETWEEN_PAGES = 'Stopped between pages: the next run continues from the last checkpoint.';

/** When the next poll is due: the interval from the end of this run, plus up to 10% jitter. */
export function nextPollAt(intervalMinutes: number, now = Date.now()): Date {
  const interval = intervalMinutes * 60_000;
  return new Date(now + interval + Math.floor(Math.random() * interval * 0.1));
}

export interface PollOptions {
  retry?: Partial<RetryPolicy>;
  failureBackoffMs?: number;
  /**
   * Aborted to stop between pages (the job expired or lost its claim, the worker stops, the run's
   * time is up, the run lock was lost): every committed page carries its checkpoint, so the run
   * ends without a failure and the next one, due at once, continues from there.
   */
  signal?: AbortSignal;
  /** Records per Bulk results page; tests use small pages to stop a Bulk load between them. */
  bulkPageSize?: number;
  /** Records per store statement within a Bulk page; tests use small ones to see several a page. */
  bulkBatchSize?: number;
}

/**
 * One REST poll of one sync: the full load until it is done, then changes since the cursor.
 * Re-reads the sync first: a sync turned off, paused or tripped since it was queued does nothing.
 * The caller holds the sync's run lock (sync-lock.ts): two runs of one sync never overlap.
 */
export async function runPoll(deps: Deps, key: TenantKey | string, options: PollOptions = {}): Promise<void> {
  const { db } = deps;
  // A bare id: a job queued before jobs named the organization (decision 027), or a test.
  const sync =
    typeof key === 'string'
      ? await db.objectSync.findFirst({ where: { id: key } })
      : await db.objectSync.findUnique({ where: tenantKey(key) });
  if (!sync?.enabled || sync.status !== 'ACTIVE' || sync.method !== 'REST' || !sync.intervalMinutes) return;
  // SYNC_INTERVAL_SCALE compresses time for `pnpm sim:scale` only (env.ts refuses it in production).
  const interval = sync.intervalMinutes / deps.env.SYNC_INTERVAL_SCALE;
  if (
    sync.fullLoadCompletedAt &&
    sync.lastSuccessAt &&
    Date.now() - sync.lastSuccessAt.getTime() > RECYCLE_BIN_MS
  ) {
    // Deletions older than the recycle bin are gone from queryAll: only a full resync (with its
    // sweep of vanished ids) can find them.
    await resetFullLoad(db, { organizationId: sync.organizationId, id: sync.id });
    Object.assign(sync, FULL_LOAD_RESET);
  }
  const run = await startRun(db, sync, sync.fullLoadCompletedAt ? 'INCREMENTAL' : 'FULL');
  const totals: RunTotals = { upserted: 0, deleted: 0, apiCalls: 0 };
  // The run's writes are fenced against an org switch (decision 008): the copy's org is read
  // before the token, and every page checks it is still the one.
  const switched = new AbortController();
  const pages = fencedDb(db, sync.organizationId, await copyOrgOf(db, sync.organizationId), () =>
    switched.abort(new CopyOrgChanged()),
  );
  const signal = options.signal ? AbortSignal.any([options.signal, switched.signal]) : switched.signal;
  try {
    await withSalesforce(
      deps,
      sync.organizationId,
      async (connected) => {
        const client = stoppable(connected, signal);
        const quota = await ensureQuota(client, {
          organizationId: sync.organizationId,
          everyMs: QUOTA_CHECK_EVERY_MS,
        });
        if (quota.asked) totals.apiCalls += 1;
        // A chosen field Salesforce no longer lets us read is dropped, not failed on (field-drift.ts).
        await withFieldDrift(db, client, sync, async () => {
          // Read again: a retry after a dropped field must not ask for it again.
          const current = await db.objectSync.findUniqueOrThrow({ where: tenantKey(sync) });
          if (current.fullLoadCompletedAt) return pollChanges(pages, client, current, totals);
          await fullLoad(pages, client, current, totals, {
            bulkThreshold: deps.env.SYNC_BULK_THRESHOLD,
            ...(options.bulkPageSize ? { bulkPageSize: options.bulkPageSize } : {}),
            ...(options.bulkBatchSize ? { bulkBatchSize: options.bulkBatchSize } : {}),
          });
          // The load set the cursor (the newest SystemModstamp before it began): poll from there.
          await pollChanges(
            pages,
            client,
            await db.objectSync.findUniqueOrThrow({ where: tenantKey(sync) }),
            totals,
          );
        });
      },
      options.retry ? { retry: options.retry } : {},
    );
    await Promise.all([
      finishRun(db, run, 'SUCCEEDED', totals),
      recordSuccess(db, sync, { nextRunAt: nextPollAt(interval) }),
    ]);
  } catch (error) {
    if (signal.aborted) {
      const why = switched.signal.aborted ? new CopyOrgChanged().message : STOPPED_BETWEEN_PAGES;
      await finishRun(db, run, 'DEFERRED', totals, why);
      await db.objectSync.update({ where: tenantKey(sync), data: { nextRunAt: new Date() } });
      return;
    }
    const message = failureMessage(error);
    if (isDeferral(error)) {
      // Not the sync's fault: no failure counted, try again later.
      await finishRun(db, run, 'DEFERRED', totals, message);
      await db.objectSync.update({
        where: tenantKey(sync),
        data: { nextRunAt: new Date(Date.now() + RATE_LIMIT_DEFER_MS) },
      });
      return;
    }
    await finishRun(db, run, 'FAILED', totals, message);
    const { tripped } = await recordFailure(db, sync, message);
    deps.logger.warn({ syncId: sync.id, tripped, err: error }, 'sync poll failed');
    // Back off from the first failure, never longer than the interval.
    const { consecutiveFailures } = await db.objectSync.findUniqueOrThrow({ where: tenantKey(sync) });
    const wait = backoffMs(consecutiveFailures, {
      firstMs: options.failureBackoffMs ?? FIRST_BACKOFF_MS,
      maxMs: interval * 60_000,
    });
    await db.objectSync.update({ where: tenantKey(sync), data: { nextRunAt: new Date(Date.now() + wait) } });
  }
}
