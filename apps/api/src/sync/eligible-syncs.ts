import { type Db, Prisma, type SyncMethod } from '@ch/db';
import { integrationsOn } from '../integrations-flag-sql.ts';
import { SALESFORCE_PROVIDER } from '../wire-names/provider.ts';

// Prisma keeps DateTime as UTC in columns without a time zone, hence `now() AT TIME ZONE 'UTC'`.

/**
 * When a REST sync is due, never-run ones first: the expression of the partial index
 * "ObjectSync_due_rest_idx" (migration 20261130142830_object_sync_due_index), written the same way so that the index
 * answers the range and the order, and an idle tick reads no rows.
 */
const DUE_AT = Prisma.sql`COALESCE(s."nextRunAt", '-infinity'::timestamp)`;

/** A Prisma client or the client of an interactive transaction. */
type Sql = Pick<Db, '$queryRaw'>;

/** On, healthy, of this method, a working Salesforce connection, the integrations flag on. */
const eligible = (method: SyncMethod) => Prisma.sql`
    FROM "ObjectSync" s
    JOIN "OAuthToken" t ON t."organizationId" = s."organizationId" AND t.provider = ${SALESFORCE_PROVIDER} AND t.status = 'ACTIVE'
    ${integrationsOn('s')}
    WHERE s.enabled AND s.status = 'ACTIVE' AND s.method = ${method}::"SyncMethod"`;

/**
 * Syncs that should run now: on, healthy, of this method, with a working Salesforce connection,
 * in an organization whose integrations flag is on (turning it off pauses them, uncounted). A REST
 * sync also waits for its next time (never run, or past it); a CDC one is subscribed all along.
 */
export async function eligibleSyncIds(db: Sql, method: SyncMethod): Promise<string[]> {
  const due =
    method === 'REST'
      ? Prisma.sql`AND (s."nextRunAt" IS NULL OR s."nextRunAt" <= now() AT TIME ZONE 'UTC')`
      : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT s.id ${eligible(method)} ${due}`;
  return rows.map((row) => row.id);
}

/**
 * Claims up to `limit` REST syncs due now or within `aheadMs` (the scheduler's tick, so a poll due
 * between two ticks is enqueued to start at its time instead of up to a tick late), most overdue
 * first: their `nextRunAt` moves `claimMs` past their due time in the statement that picks them, so the next tick (here or in another process) does not pick
 * them again. The run that follows sets the real next time (success, back-off, deferral); if no run
 * comes (its job was lost), the sync is due again once the claim runs out. Rows another
 * transaction holds (a run writing its outcome) are skipped, not waited for.
 */
export async function claimDueRestSyncs(
  db: Sql,
  limit: number,
  claimMs: number,
  aheadMs = 0,
): Promise<{ organizationId: string; id: string; dueAt: Date | null }[]> {
  // The CTE keeps each row's due time from before the claim: the job carries it, so how late a
  // poll started (its job's start minus this) can be measured (pnpm sim:scale).
  return db.$queryRaw<{ organizationId: string; id: string; dueAt: Date | null }[]>`
    WITH due AS (
      SELECT s."organizationId", s.id, s."nextRunAt" AS "dueAt" ${eligible('REST')}
        AND ${DUE_AT} <= now() AT TIME ZONE 'UTC' + make_interval(secs => ${aheadMs / 1000}::float8)
      ORDER BY ${DUE_AT}
      LIMIT ${limit}
      FOR UPDATE OF s SKIP LOCKED)
    UPDATE "ObjectSync" o SET "nextRunAt" = GREATEST(now() AT TIME ZONE 'UTC', due."dueAt") + make_interval(secs => ${claimMs / 1000}::float8)
    FROM due WHERE o."organizationId" = due."organizationId" AND o.id = due.id
    RETURNING o."organizationId"::text, o.id::text, due."dueAt"`;
}
