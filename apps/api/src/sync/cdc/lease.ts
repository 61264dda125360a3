import { type Db, Prisma } from '@ch/db';

// Prisma keeps DateTime as UTC in columns without a time zone, hence `now() AT TIME ZONE 'UTC'`.
// Both clocks are the database's: workers never compare their own clocks with each other.

const leaseUntil = (leaseMs: number) =>
  Prisma.sql`now() AT TIME ZONE 'UTC' + make_interval(secs => ${leaseMs / 1000}::float8)`;

/**
 * Renews, in one statement, the leases this worker holds (of `syncIds`, its running subscriptions).
 * Returns the ids still ours: a lease another worker took meanwhile (we stalled past it) is not.
 */
export async function renewLeases(
  db: Db,
  syncIds: readonly string[],
  owner: string,
  leaseMs: number,
): Promise<Set<string>> {
  if (syncIds.length === 0) return new Set();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "ObjectSync" SET "cdcLeaseUntil" = ${leaseUntil(leaseMs)}
    WHERE id = ANY(${syncIds}::uuid[]) AND "cdcOwner" = ${owner}
    RETURNING id::text`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Takes at most `limit` new leases among `syncIds`: free, already ours, or their holder is gone
 * (`holderGone`). Rows another worker is taking right now are skipped (SKIP LOCKED), not waited
 * for, and the lease test is repeated on the locked row, so two workers can never both win one. A
 * worker at its cap asks for none and leaves the rest to the others. `orphansOnly` takes only
 * leases another worker held and lost. Returns the ids taken.
 */
export async function takeLeases(
  db: Db,
  syncIds: readonly string[],
  owner: string,
  leaseMs: number,
  limit: number,
  { orphansOnly = false }: { orphansOnly?: boolean } = {},
): Promise<Set<string>> {
  if (syncIds.length === 0 || limit <= 0) return new Set();
  const takeable = orphansOnly
    ? Prisma.sql`("cdcOwner" <> ${owner} AND ${holderGone(owner)})`
    : Prisma.sql`("cdcOwner" IS NULL OR "cdcOwner" = ${owner} OR ${holderGone(owner)})`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "ObjectSync" SET "cdcOwner" = ${owner}, "cdcLeaseUntil" = ${leaseUntil(leaseMs)}
    WHERE id IN (
      SELECT id FROM "ObjectSync" WHERE id = ANY(${syncIds}::uuid[]) AND ${takeable}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      AND ${takeable}
    RETURNING id::text`;
  return new Set(rows.map((row) => row.id));
}

/** The `application_name` of a worker's pg-boss connections: how workers see one another. */
export const WORKER_APPLICATION_NAME = 'ch-worker';

/** The application name a worker's connections carry (PostgreSQL keeps at most 63 characters). */
export const workerApplicationName = (workerId: string) =>
  `${WORKER_APPLICATION_NAME} ${workerId}`.slice(0, 63);

/** The connections of the worker processes, by application name, as pg_stat_activity sees them now. */
const workerConnections = Prisma.sql`SELECT application_name FROM pg_stat_activity
  WHERE datname = current_database() AND application_name LIKE ${`${WORKER_APPLICATION_NAME} %`}`;

/**
 * The holder of a row's lease is gone: the lease ran out, or (as soon as the next round) not one
 * connection of its worker process is left while ours is seen, so the signal is in use (tests that
 * name supervisors without connections keep the lease timeout alone). A live worker, however slow,
 * keeps its connections and so its leases; a worker that died loses every one with its process.
 * Correlated, so it is read in the same statement that takes the lease. The name is cut like
 * PostgreSQL cuts it (63 bytes; worker ids are ASCII).
 */
const holderGone = (owner: string) => Prisma.sql`("cdcLeaseUntil" < now() AT TIME ZONE 'UTC' OR (
  ${workerApplicationName(owner)} IN (${workerConnections})
  AND left(${`${WORKER_APPLICATION_NAME} `} || "cdcOwner", 63) NOT IN (${workerConnections})))`;

/**
 * Worker processes connected now (at least 1: this one), counted from pg_stat_activity by the
 * application name their job queue's connections carry. A worker that died drops out when its
 * connections end; one just started counts before it holds any lease, which is what lets the
 * others hand it its share.
 */
export async function countWorkers(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ workers: number }[]>`
    SELECT count(DISTINCT application_name)::int AS workers FROM (${workerConnections}) AS connected`;
  return Math.max(1, row?.workers ?? 0);
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
