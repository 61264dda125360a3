import { randomUUID } from 'node:crypto';
import type { Db, ObjectSync } from '@ch/db';
import type { SalesforceClient } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { drawSeqs, lockScope } from './record-store.ts';
import type { RunTotals } from './run-history.ts';

/** Live Ids of the copy compared with Salesforce's per transaction. */
const PAGE_SIZE = 2_000;

/**
 * After a full load over an existing copy (a resync), the copy must end with exactly Salesforce's
 * live records. The load upserts every live one, but a record deleted while we were not looking is
 * never reported: neither one purged from the recycle bin, nor one still in it whose deletion is
 * older than what the first poll (5 minutes before the load's high-water mark) or CDC's replay
 * (72 hours) reaches back. When the copy held live records before the load began, read every live
 * Id (query, not queryAll: a recycle-bin row is deleted, not present) and tombstone the rest. Not a
 * comparison with Salesforce's count: records created during the load can make the counts equal
 * while a stale row remains. A first load never pays for this: all its rows come from its own pages. Memory stays at a
 * page, whatever the number of records.
 */
export async function sweepVanished(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
  { pageSize = PAGE_SIZE }: { pageSize?: number } = {},
): Promise<void> {
  const scope = { organizationId: sync.organizationId, object: sync.object };
  const where = { ...scope, deleted: false };
  // A resync is a load over rows that were there before it began; a first load's rows are all its
  // own. Not a comparison of counts: two writers of one load (a method switched mid-load) can
  // count a page twice, and a count that is too high would skip the sweep and keep stale rows.
  const existing = sync.fullLoadStartedAt ? { updatedAt: { lt: sync.fullLoadStartedAt } } : {};
  if ((await db.salesforceRecord.count({ where: { ...where, ...existing } })) === 0) return;
  const objectName = SALESFORCE_NAME[sync.object];
  // Rows written after this point (by a CDC batch or poll of the same scope meanwhile) are newer
  // than the Id list below can tell about: only rows at or below this seq may be tombstoned.
  const { _max } = await db.salesforceRecord.aggregate({ where: scope, _max: { seq: true } });
  const upTo = _max.seq ?? 0n;
  // Neither side is ever held whole: Salesforce's Ids go to SweepSeenId a page at a time, then the
  // copy's live Ids are compared with them a page at a time (keyset on the primary key).
  const sweepId = randomUUID();
  await db.$executeRaw`DELETE FROM "SweepSeenId" WHERE "createdAt" < now() - interval '1 day'`;
  try {
    for await (const page of client.queryPages(`SELECT Id FROM ${objectName}`)) {
      totals.apiCalls += 1;
      await db.$executeRaw`
        INSERT INTO "SweepSeenId" ("organizationId", "sweepId", id)
        SELECT ${sync.organizationId}::uuid, ${sweepId}::uuid, unnest(${page.records.map((row) => String(row.Id))}::text[])
        ON CONFLICT DO NOTHING`;
    }
    let after = '';
    for (;;) {
      const ids = (
        await db.$queryRaw<{ id: string }[]>`
          SELECT id FROM "SalesforceRecord"
          WHERE "organizationId" = ${sync.organizationId}::uuid AND object = ${sync.object}::"SyncObject"
            AND NOT deleted AND id > ${after}
          ORDER BY id LIMIT ${pageSize}`
      ).map((row) => row.id);
      if (ids.length === 0) break;
      after = ids.at(-1)!;
      totals.deleted += await tombstoneUnseen(db, sync, sweepId, ids, upTo);
    }
  } finally {
    await db.$executeRaw`
      DELETE FROM "SweepSeenId" WHERE "organizationId" = ${sync.organizationId}::uuid AND "sweepId" = ${sweepId}::uuid`;
  }
}

/**
 * Of `ids` (live rows of the copy), those Salesforce did not list become tombstones, keeping the
 * last version seen: a later undelete in Salesforce has a newer SystemModstamp and passes the
 * version guard.
 */
function tombstoneUnseen(db: Db, sync: ObjectSync, sweepId: string, ids: string[], upTo: bigint) {
  return db.$transaction(async (tx) => {
    await lockScope(tx, sync.organizationId, sync.object);
    const base = await drawSeqs(tx, sync.organizationId, sync.object, ids.length);
    return tx.$executeRaw`
      UPDATE "SalesforceRecord" r
      SET deleted = true, "deletedAt" = now(), seq = ${base}::bigint + t.n, "updatedAt" = now()
      FROM unnest(${ids}::text[]) WITH ORDINALITY AS t(id, n)
      WHERE r."organizationId" = ${sync.organizationId}::uuid AND r.object = ${sync.object}::"SyncObject"
        AND r.id = t.id AND NOT r.deleted AND r.seq <= ${upTo}
        AND NOT EXISTS (SELECT 1 FROM "SweepSeenId" s
          WHERE s."organizationId" = r."organizationId" AND s."sweepId" = ${sweepId}::uuid AND s.id = r.id)`;
  });
}
