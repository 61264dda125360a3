import type { Prisma, SyncObject } from '@ch/db';
import type { IncomingRecord } from './record-store.ts';

type Tx = Pick<Prisma.TransactionClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;

export interface Skip {
  record: IncomingRecord;
  reason: string;
}

/** Salesforce ids are 18 characters; anything much longer is listed by its start. */
const ID_CHARS = 100;
const SYNC_ID = `(SELECT id FROM "ObjectSync" WHERE "organizationId" = $1::uuid AND object = $2::"SyncObject")`;

const shownId = (id: string) => (id.length > ID_CHARS ? `${id.slice(0, ID_CHARS - 1)}…` : id);
const validStamp = (date: Date) => (Number.isNaN(date.getTime()) ? null : date.toISOString());

/**
 * Lists (or updates) the records left out of a page or batch, with why. A version no newer than
 * the one stored is not a loss (the version guard would have passed it over: a replayed event, a
 * re-read page), so it is not listed.
 */
export async function recordSkips(
  tx: Tx,
  target: { organizationId: string; object: SyncObject },
  skips: readonly Skip[],
): Promise<void> {
  const latest = new Map(skips.map((skip) => [shownId(skip.record.id), skip]));
  if (latest.size === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "SkippedRecord" ("organizationId", "objectSyncId", "recordId", reason, "systemModstamp")
     SELECT $1::uuid, ${SYNC_ID}, r.id, r.reason, r.stamp
     FROM unnest($3::text[], $4::text[], $5::timestamptz[]) AS r(id, reason, stamp)
     WHERE NOT EXISTS (
       SELECT 1 FROM "SalesforceRecord" s
       WHERE s."organizationId" = $1::uuid AND s.object = $2::"SyncObject" AND s.id = r.id
         AND s."systemModstamp" >= r.stamp)
     ON CONFLICT ("organizationId", "objectSyncId", "recordId") DO UPDATE SET
       reason = EXCLUDED.reason, "systemModstamp" = EXCLUDED."systemModstamp", "skippedAt" = now()`,
    target.organizationId,
    target.object,
    [...latest.keys()],
    [...latest.values()].map((skip) => skip.reason),
    [...latest.values()].map((skip) => validStamp(skip.record.modstamp)),
  );
}

/** A version that was stored (as new as the skipped one, or newer) ends the record's skip. */
export async function clearSkips(
  tx: Tx,
  target: { organizationId: string; object: SyncObject },
  stored: readonly IncomingRecord[],
): Promise<void> {
  if (stored.length === 0) return;
  // Almost always nothing is listed: one look first spares sending every id of a page (50,000 on
  // a Bulk page) to match none. The caller holds the scope's lock, so no skip appears meanwhile.
  const [listed] = await tx.$queryRawUnsafe<{ any: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM "SkippedRecord" WHERE "organizationId" = $1::uuid AND "objectSyncId" = ${SYNC_ID}) AS any`,
    target.organizationId,
    target.object,
  );
  if (!listed?.any) return;
  await tx.$executeRawUnsafe(
    `DELETE FROM "SkippedRecord" s
     USING unnest($3::text[], $4::timestamptz[]) AS r(id, stamp)
     WHERE s."organizationId" = $1::uuid AND s."objectSyncId" = ${SYNC_ID} AND s."recordId" = r.id
       AND (s."systemModstamp" IS NULL OR s."systemModstamp" <= r.stamp)`,
    target.organizationId,
    target.object,
    stored.map((record) => record.id),
    stored.map((record) => record.modstamp.toISOString()),
  );
}
