import type { Db } from '@ch/db';

// Prisma keeps DateTime as UTC in columns without a time zone, hence `now() AT TIME ZONE 'UTC'`.
// Both clocks are the database's: workers never compare their own clocks with each other.

/**
 * Takes or renews leases in one statement, so two workers can never both win one: it is free,
 * already ours, or its holder stopped renewing. Returns the ids this worker holds now.
 */
export async function takeLeases(
  db: Db,
  syncIds: readonly string[],
  owner: string,
  leaseMs: number,
): Promise<Set<string>> {
  if (syncIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "ObjectSync"
    SET "cdcOwner" = ${owner},
        "cdcLeaseUntil" = now() AT TIME ZONE 'UTC' + make_interval(secs => ${leaseMs / 1000}::float8)
    WHERE id = ANY(${syncIds}::uuid[])
      AND ("cdcOwner" IS NULL OR "cdcOwner" = ${owner} OR "cdcLeaseUntil" < now() AT TIME ZONE 'UTC')
    RETURNING id::text`;
  return new Set(rows.map((row) => row.id));
}

/**
 * A healthy subscription has no runs that end: while it is live, the heartbeat keeps
 * lastSuccessAt current, so "last synced" and the lag metric mean the same for CDC as for REST.
 */
export async function markLive(db: Db, syncIds: readonly string[]): Promise<void> {
  if (syncIds.length === 0) return;
  await db.$executeRaw`
    UPDATE "ObjectSync" SET "lastSuccessAt" = now() AT TIME ZONE 'UTC', "lastRunAt" = now() AT TIME ZONE 'UTC'
    WHERE id = ANY(${syncIds}::uuid[])`;
}

/** Lets go on a clean stop, so another worker need not wait for the lease to run out. */
export async function releaseLease(db: Db, syncId: string, owner: string): Promise<void> {
  // Raw like takeLease: lease traffic must not bump updatedAt, which the admin reads as "saved at".
  await db.$executeRaw`
    UPDATE "ObjectSync" SET "cdcOwner" = NULL, "cdcLeaseUntil" = NULL
    WHERE id = ${syncId}::uuid AND "cdcOwner" = ${owner}`;
}
