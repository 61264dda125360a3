import type { Db, TenantKey } from '@ch/db';

/** Consecutive failures that trip the breaker: the sync stops until the admin acts. */
export const TRIP_AFTER = 5;

// Prisma keeps DateTime as UTC in columns without a time zone, hence `now() AT TIME ZONE 'UTC'`.

/**
 * Counts a failed run in the database (so every worker sees the same count) and trips the breaker
 * on the fifth in a row. One statement: concurrent failures cannot both read a stale count.
 */
export async function recordFailure(db: Db, sync: TenantKey, message: string): Promise<{ tripped: boolean }> {
  const [row] = await db.$queryRaw<{ status: string }[]>`
    UPDATE "ObjectSync"
    SET "consecutiveFailures" = "consecutiveFailures" + 1,
        "lastError" = ${message.slice(0, 500)},
        "lastErrorAt" = now() AT TIME ZONE 'UTC',
        status = CASE WHEN "consecutiveFailures" + 1 >= ${TRIP_AFTER} AND status = 'ACTIVE'
                      THEN 'ERROR'::"SyncStatus" ELSE status END,
        "updatedAt" = now() AT TIME ZONE 'UTC'
    WHERE "organizationId" = ${sync.organizationId}::uuid AND id = ${sync.id}::uuid
    RETURNING status::text`;
  return { tripped: row?.status === 'ERROR' };
}

export async function recordSuccess(db: Db, sync: TenantKey, also: { nextRunAt?: Date } = {}): Promise<void> {
  await db.objectSync.updateMany({
    where: { organizationId: sync.organizationId, id: sync.id },
    data: { consecutiveFailures: 0, lastSuccessAt: new Date(), lastRunAt: new Date(), ...also },
  });
}
