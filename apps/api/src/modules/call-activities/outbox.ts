import type { CallActivity, Db, Prisma } from '@ch/db';

/**
 * Claims up to `limit` due activities for this worker: PENDING ones whose time has come, and
 * SENDING ones whose lease ran out (a worker died between sending and recording). SKIP LOCKED lets
 * many workers claim side by side without waiting on or taking each other's rows; the claim
 * commits at once, and the lease (nextAttemptAt in the future) keeps the rows ours afterwards.
 * An organization whose integrations flag is off is skipped: its calls wait, attempts uncounted.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<CallActivity[]> {
  return db.$queryRaw<CallActivity[]>`
    WITH due AS (
      SELECT c.id FROM "CallActivity" c
      JOIN "FeatureFlag" f ON f."organizationId" = c."organizationId" AND f.key = 'integrations' AND f.enabled
      WHERE c.status IN ('PENDING', 'SENDING') AND c."nextAttemptAt" <= now()
      ORDER BY c."nextAttemptAt", c.id
      LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED
    )
    UPDATE "CallActivity" c
    SET status = 'SENDING', "nextAttemptAt" = now() + ${leaseMs} * interval '1 millisecond', "updatedAt" = now()
    FROM due WHERE c.id = due.id
    RETURNING c.*`;
}

// Every outcome is written only over our own claim (status SENDING): a row another worker
// already recorded is left alone.
const claimed = (ids: string[]) => ({ id: { in: ids }, status: 'SENDING' as const });

/** Records the Tasks of many claimed rows in one statement (one round trip per batch, not per call). */
export async function markSent(db: Db, sent: { id: string; taskId: string }[]): Promise<void> {
  if (sent.length === 0) return;
  await db.$executeRaw`
    UPDATE "CallActivity" c
    SET status = 'SENT', "taskId" = v.task_id, "sentAt" = now(), "lastError" = NULL, "updatedAt" = now()
    FROM unnest(${sent.map((s) => s.id)}::uuid[], ${sent.map((s) => s.taskId)}::text[]) AS v(id, task_id)
    WHERE c.id = v.id AND c.status = 'SENDING'`;
}

/** Back to PENDING without counting an attempt: the reason is the connection or quota, not the call. */
export async function hold(db: Db, ids: string[], untilMs: number, reason: string): Promise<void> {
  await db.callActivity.updateMany({
    where: claimed(ids),
    data: { status: 'PENDING', nextAttemptAt: new Date(Date.now() + untilMs), lastError: reason },
  });
}

/** One failed attempt: retry after `delayMs`, or FAILED for good once attempts run out. */
export async function failAttempt(
  db: Db,
  row: CallActivity,
  error: string,
  options: { final: boolean; delayMs: number },
): Promise<void> {
  const data: Prisma.CallActivityUpdateManyMutationInput = options.final
    ? { status: 'FAILED', attempts: { increment: 1 }, lastError: error }
    : {
        status: 'PENDING',
        attempts: { increment: 1 },
        lastError: error,
        nextAttemptAt: new Date(Date.now() + options.delayMs),
      };
  await db.callActivity.updateMany({ where: claimed([row.id]), data });
}
