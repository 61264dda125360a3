import type { Db } from '@ch/db';
import { isSalesforceError } from '@ch/salesforce';
import { AppError } from '../http/app-error.ts';

/** Consecutive failures that trip the breaker: the sync stops until the admin acts. */
export const TRIP_AFTER = 5;

// Prisma keeps DateTime as UTC in columns without a time zone, hence `now() AT TIME ZONE 'UTC'`.

/**
 * Counts a failed run in the database (so every worker sees the same count) and trips the breaker
 * on the fifth in a row. One statement: concurrent failures cannot both read a stale count.
 */
export async function recordFailure(db: Db, syncId: string, message: string): Promise<{ tripped: boolean }> {
  const [row] = await db.$queryRaw<{ status: string }[]>`
    UPDATE "ObjectSync"
    SET "consecutiveFailures" = "consecutiveFailures" + 1,
        "lastError" = ${message.slice(0, 500)},
        "lastErrorAt" = now() AT TIME ZONE 'UTC',
        status = CASE WHEN "consecutiveFailures" + 1 >= ${TRIP_AFTER} AND status = 'ACTIVE'
                      THEN 'ERROR'::"SyncStatus" ELSE status END,
        "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ${syncId}::uuid
    RETURNING status::text`;
  return { tripped: row?.status === 'ERROR' };
}

export async function recordSuccess(db: Db, syncId: string, also: { nextRunAt?: Date } = {}): Promise<void> {
  await db.objectSync.updateMany({
    where: { id: syncId },
    data: { consecutiveFailures: 0, lastSuccessAt: new Date(), lastRunAt: new Date(), ...also },
  });
}

/**
 * Failures that are not the sync's fault: the quota is used up, or the connection is gone or must
 * be reconnected (which pauses every sync anyway). They defer work without counting.
 */
export function isDeferral(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'conflict';
  return isSalesforceError(error) && (error.kind === 'rate_limited' || error.kind === 'auth_revoked');
}

/**
 * The last error as the admin reads it on the sync row (Salesforce messages carry no secrets). A
 * database error's own text (table names, SQL, values) stays in the server log.
 */
export function failureMessage(error: unknown): string {
  if (isSalesforceError(error)) return `${error.kind}: ${error.message}`;
  if (error instanceof Error && error.name.startsWith('PrismaClient')) {
    return 'The local copy could not be updated because of a database error; the server log has the details.';
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
