import type { Deps } from '../../deps.ts';
import { MIN_QUOTA_SHARE } from '../salesforce-connection/quota.ts';
import { claimDue } from './outbox.ts';
import { type BatchOutcome, type SendPolicy, sendBatch } from './send-batch.ts';

export interface WriteBackOptions extends Partial<SendPolicy> {
  /** Pause between passes once the outbox is drained. */
  intervalMs?: number;
  /** Activities claimed per pass (createTasks sends them 200 per composite call). */
  batchSize?: number;
  /** How long a claim holds a row; must outlast one pass's Salesforce calls. */
  leaseMs?: number;
}

const DEFAULTS = {
  intervalMs: 5_000,
  batchSize: 200,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  baseBackoffMs: 30_000,
  maxBackoffMs: 60 * 60_000,
  holdMs: 5 * 60_000,
  minQuotaShare: MIN_QUOTA_SHARE,
};

/** One pass: claim what is due, send it per organization, record the outcomes. */
export async function runWriteBackOnce(
  deps: Deps,
  options: WriteBackOptions = {},
): Promise<BatchOutcome & { claimed: number }> {
  const settings = { ...DEFAULTS, ...options };
  const rows = await claimDue(deps.db, settings.batchSize, settings.leaseMs);
  const total = { claimed: rows.length, sent: 0, retried: 0, failed: 0, held: 0 };
  const byOrganization = new Map<string, typeof rows>();
  for (const row of rows)
    byOrganization.set(row.organizationId, [...(byOrganization.get(row.organizationId) ?? []), row]);
  for (const [organizationId, batch] of byOrganization) {
    const outcome = await sendBatch(deps, organizationId, batch, settings);
    total.sent += outcome.sent;
    total.retried += outcome.retried;
    total.failed += outcome.failed;
    total.held += outcome.held;
  }
  if (rows.length > 0) deps.logger.info(total, 'call activity write-back pass');
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
