import type { CallActivity, Db, Prisma } from '@ch/db';
import { integrationsOn } from '../../integrations-flag-sql.ts';

/** Organizations with calls due, oldest first: each is then claimed just before it is sent. */
export async function dueOrganizations(db: Db, limit: number): Promise<string[]> {
  // A flag-off organization is left out here, not only at the claim: otherwise its waiting calls
  // would take the pass's organization slots every pass and starve everyone else.
  const rows = await db.$queryRaw<{ organizationId: string }[]>`
    SELECT c."organizationId" FROM "CallActivity" c
    ${integrationsOn('c')}
    WHERE c.status IN ('PENDING', 'SENDING') AND c."nextAttemptAt" <= now()
    GROUP BY c."organizationId"
    ORDER BY min(c."nextAttemptAt")
    LIMIT ${limit}`;
  return rows.map((row) => row.organizationId);
}

export interface Claim {
  organizationId: string;
  /** Fences every outcome: written only while the rows still carry this token. */
  token: string;
  limit: number;
  leaseMs: number;
}

/**
 * Claims up to `limit` due activities of one organization for this worker: PENDING ones whose
 * time has come, and SENDING ones whose lease ran out (their worker died or stalled). SKIP LOCKED
 * lets many workers claim side by side without waiting on or taking each other's rows; the claim
 * commits at once, and the lease (nextAttemptAt in the future, renewed while sending) keeps the
 * rows ours. A new token replaces a lapsed claim's, so its late outcomes are ignored. An
 * organization whose integrations flag is off is skipped: its calls wait, attempts uncounted.
 */
export async function claimDue(db: Db, claim: Claim): Promise<CallActivity[]> {
  return db.$queryRaw<CallActivity[]>`
    WITH due AS (
      SELECT c.id FROM "CallActivity" c
      ${integrationsOn('c')}
      WHERE c.status IN ('PENDING', 'SENDING') AND c."nextAttemptAt" <= now()
        AND c."organizationId" = ${claim.organizationId}::uuid
      ORDER BY c."nextAttemptAt", c.id
      LIMIT ${claim.limit}
      FOR UPDATE OF c SKIP LOCKED
    )
    UPDATE "CallActivity" c
    SET status = 'SENDING', "claimToken" = ${claim.token}::uuid,
      "nextAttemptAt" = now() + ${claim.leaseMs} * interval '1 millisecond', "updatedAt" = now()
    FROM due WHERE c."organizationId" = ${claim.organizationId}::uuid AND c.id = due.id
    RETURNING c.*`;
}

/**
 * Extends the lease of this claim's rows still being sent, and answers how many rows still carry
 * the token: rows this worker settled keep it, so the count drops only when another worker
 * claimed some of them (after this claim's lease had run out).
 */
export async function renewClaim(db: Db, token: string, leaseMs: number): Promise<number> {
  const [row] = await db.$queryRaw<{ held: number }[]>`
    WITH ours AS (
      SELECT id, status FROM "CallActivity" WHERE "claimToken" = ${token}::uuid
    ), renewed AS (
      UPDATE "CallActivity" c
      SET "nextAttemptAt" = now() + ${leaseMs} * interval '1 millisecond'
      FROM ours WHERE c.id = ours.id AND ours.status = 'SENDING'
      RETURNING c.id
    )
    SELECT count(*)::int AS held FROM ours`;
  return row?.held ?? 0;
}

// Every outcome is written only over our own claim: a row another worker claimed since, or
// already recorded, is left alone. The token stays on settled rows (see renewClaim).
const claimed = (token: string, ids: string[]) => ({
  id: { in: ids },
  status: 'SENDING' as const,
  claimToken: token,
});

/** Records the Tasks of many claimed rows in one statement (one round trip per batch, not per call). */
export async function markSent(db: Db, token: string, sent: { id: string; taskId: string }[]): Promise<void> {
  if (sent.length === 0) return;
  await db.$executeRaw`
    UPDATE "CallActivity" c
    SET status = 'SENT', "taskId" = v.task_id, "sentAt" = now(), "lastError" = NULL, "updatedAt" = now()
    FROM unnest(${sent.map((s) => s.id)}::uuid[], ${sent.map((s) => s.taskId)}::text[]) AS v(id, task_id)
    WHERE c.id = v.id AND c.status = 'SENDING' AND c."claimToken" = ${token}::uuid`;
}

/** Back to PENDING without counting an attempt: the reason is the connection or quota, not the call. */
export async function hold(
  db: Db,
  token: string,
  ids: string[],
  untilMs: number,
  reason: string,
): Promise<void> {
  await db.callActivity.updateMany({
    where: claimed(token, ids),
    data: {
      status: 'PENDING',
      nextAttemptAt: new Date(Date.now() + untilMs),
      lastError: reason,
    },
  });
}

/** One failed attempt: retry after `delayMs`, or FAILED for good once attempts run out. */
export async function failAttempt(
  db: Db,
  token: string,
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
  await db.callActivity.updateMany({ where: claimed(token, [row.id]), data });
}
