import { type Db, Prisma, type SyncMethod } from '@ch/db';
import { integrationsOn } from '../integrations-flag-sql.ts';
import { SALESFORCE_PROVIDER } from '../wire-names/provider.ts';

// Prisma keeps DateTime as UTC in columns without a time zone, hence `now() AT TIME ZONE 'UTC'`.

/**
 * Syncs that should run now: on, healthy, of this method, with a working Salesforce connection,
 * in an organization whose integrations flag is on (turning it off pauses them, uncounted). A REST
 * sync also waits for its next time (never run, or past it); a CDC one is subscribed all along.
 */
export async function eligibleSyncIds(db: Db, method: SyncMethod): Promise<string[]> {
  const due =
    method === 'REST'
      ? Prisma.sql`AND (s."nextRunAt" IS NULL OR s."nextRunAt" <= now() AT TIME ZONE 'UTC')`
      : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM "ObjectSync" s
    JOIN "OAuthToken" t ON t."organizationId" = s."organizationId" AND t.provider = ${SALESFORCE_PROVIDER} AND t.status = 'ACTIVE'
    ${integrationsOn('s')}
    WHERE s.enabled AND s.status = 'ACTIVE' AND s.method = ${method}::"SyncMethod" ${due}`;
  return rows.map((row) => row.id);
}
