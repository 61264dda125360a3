import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { MIN_QUOTA_SHARE } from '../../salesforce/quota.ts';
import { keepClaim } from './claim-lease.ts';
import { claimDue, dueOrganizations } from './outbox.ts';
import { type BatchOutcome, type SendPolicy, sendBatch } from './send-batch.ts';

export interface WriteBackOptions extends Partial<SendPolicy> {
  /** Pause between passes once the outbox is drained. */
  intervalMs?: number;
  /** Activities claimed per organization and pass (createTasks sends them 200 per composite call). */
  batchSize?: number;
  /** Organizations served per pass, the longest-waiting first. */
  organizationsPerPass?: number;
  /** How long a claim holds a row unless renewed (it is, every third of it, while sending). */
  leaseMs?: number;
}

const DEFAULTS = {
  intervalMs: 5_000,
  batchSize: 200,
  organizationsPerPass: 20,
  leaseMs: 60_000,
  callTimeoutMs: 2 * 60_000,
  maxAttempts: 8,
  baseBackoffMs: 30_000,
  maxBackoffMs: 60 * 60_000,
  holdMs: 5 * 60_000,
  minQuotaShare: MIN_QUOTA_SHARE,
};

/**
 * One pass: for each organization with calls due, claim them just before sending (so no claim
 * waits on another organization's Salesforce calls), keep the claim alive while sending, and
 * record the outcomes under it.
 */
export async function runWriteBackOnce(
  deps: Deps,
  options: WriteBackOptions = {},
): Promise<BatchOutcome & { claimed: number }> {
  const settings = { ...DEFAULTS, ...options };
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0, held: 0 };
  for (const organizationId of await dueOrganizations(deps.db, settings.organizationsPerPass)) {
    const token = randomUUID();
    const rows = await claimDue(deps.db, {
      organizationId,
      token,
      limit: settings.batchSize,
      leaseMs: settings.leaseMs,
    });
    if (rows.length === 0) continue;
    total.claimed += rows.length;
    const lease = keepClaim(deps, token, rows.length, settings.leaseMs);
    try {
      const outcome = await sendBatch(deps, organizationId, { token, signal: lease.signal }, rows, settings);
      total.sent += outcome.sent;
      total.retried += outcome.retried;
      total.failed += outcome.failed;
      total.held += outcome.held;
    } finally {
      await lease.release();
    }
  }
  if (total.claimed > 0) deps.logger.info(total, 'call activity write-back pass');
  return total;
}

/**
 * Runs write-back passes until stopped: back to back while full batches come out (a backlog),
 * then every `intervalMs`. Safe to run in many processes at once (see claimDue).
 */
export function startWriteBack(deps: Deps, options: WriteBackOptions = {}): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? DEFAULTS.intervalMs;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      while (!stopped && (await runWriteBackOnce(deps, options)).claimed >= batchSize) {}
    } catch (error) {
      deps.logger.error({ err: error }, 'call activity write-back failed; retrying next interval');
    }
    if (stopped) return;
    timer = setTimeout(() => {
      current = pass();
    }, intervalMs);
  };
  current = pass();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
