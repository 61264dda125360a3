import type { CallActivity } from '@ch/db';
import type { CallTaskInput, CallTaskResult, RetryPolicy } from '@ch/salesforce';
import type { Deps } from '../../deps.ts';
import { backoffMs, failureMessage, isDeferral } from '../../salesforce/failure-policy.ts';
import { ensureQuota } from '../../salesforce/quota.ts';
import { withSalesforce } from '../../salesforce/with-salesforce.ts';
import { failAttempt, hold, markSent } from './outbox.ts';
import { buildTask } from './task-input.ts';

export interface SendPolicy {
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  holdMs: number;
  /** Below this share of DailyApiRequests left, hold rather than spend what the org has left. */
  minQuotaShare: number;
  /** Each Salesforce request gives up after this long; the outcome is then unknown and retried. */
  callTimeoutMs: number;
  retry?: Partial<RetryPolicy>;
}

export interface BatchOutcome {
  sent: number;
  retried: number;
  failed: number;
  held: number;
}

const RATE_LIMIT_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'rate_limited']);

/** The claim the rows are sent under: outcomes are fenced by its token; `signal` aborts once it is lost. */
export interface SendClaim {
  token: string;
  signal: AbortSignal;
}

/**
 * Creates the Tasks of one organization's claimed activities: each row built on its own (a row
 * that cannot become a Task fails alone), one limits() check, then createTasks (which finds
 * Tasks an earlier, uncertain attempt already created) in composite calls of up to 200, then
 * each outcome recorded on its row, under the claim.
 */
export async function sendBatch(
  deps: Deps,
  organizationId: string,
  claim: SendClaim,
  claimedRows: CallActivity[],
  policy: SendPolicy,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, retried: 0, failed: 0, held: 0 };
  const rows: CallActivity[] = [];
  const inputs: CallTaskInput[] = [];
  for (const row of claimedRows) {
    const built = buildTask(row);
    if (built.ok) {
      rows.push(row);
      inputs.push(built.input);
    } else {
      await failAttempt(deps.db, claim.token, row, built.reason, { final: true, delayMs: 0 });
      outcome.failed += 1;
    }
  }
  if (rows.length === 0) return outcome;
  const ids = rows.map((row) => row.id);
  let results: CallTaskResult[];
  try {
    results = await withSalesforce(
      deps,
      organizationId,
      async (client) => {
        await ensureQuota(client, { minShare: policy.minQuotaShare });
        return client.createTasks(inputs, { signal: claim.signal });
      },
      { ...(policy.retry ? { retry: policy.retry } : {}), timeoutMs: policy.callTimeoutMs },
    );
  } catch (error) {
    // Not the calls' fault (no connection, reconnect needed, quota spent): nothing is counted.
    if (isDeferral(error)) {
      await hold(deps.db, claim.token, ids, policy.holdMs, failureMessage(error));
      return { ...outcome, held: outcome.held + rows.length };
    }
    results = rows.map((row) => ({
      callObject: row.callId,
      ok: false,
      error: { code: 'batch', message: failureMessage(error), retryable: true },
    }));
  }
  const rateLimited: string[] = [];
  const sent: { id: string; taskId: string }[] = [];
  for (const [index, row] of rows.entries()) {
    const result = results[index]!;
    if (result.ok) {
      sent.push({ id: row.id, taskId: result.taskId });
    } else if (RATE_LIMIT_CODES.has(result.error.code)) {
      rateLimited.push(row.id);
    } else {
      // A refusal that will not heal by itself (say, an invalid WhoId) fails now; a passing one
      // (a locked row, a timeout) waits its backoff, and the next attempt looks the Task up first.
      const final = !result.error.retryable || row.attempts + 1 >= policy.maxAttempts;
      const message = `${result.error.code}: ${result.error.message}`;
      // A request given up on may still complete at Salesforce: look again only once it cannot.
      const unknownOutcomeWait = result.error.code === 'TIMEOUT' ? policy.callTimeoutMs : 0;
      await failAttempt(deps.db, claim.token, row, message, {
        final,
        delayMs: Math.max(
          backoffMs(row.attempts + 1, { firstMs: policy.baseBackoffMs, maxMs: policy.maxBackoffMs }),
          unknownOutcomeWait,
        ),
      });
      if (final) outcome.failed += 1;
      else outcome.retried += 1;
    }
  }
  await markSent(deps.db, claim.token, sent);
  outcome.sent = sent.length;
  if (rateLimited.length > 0) {
    await hold(deps.db, claim.token, rateLimited, policy.holdMs, 'Salesforce API request limit reached.');
    outcome.held += rateLimited.length;
  }
  return outcome;
}
