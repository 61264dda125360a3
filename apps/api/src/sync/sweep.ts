import type { Db, ObjectSync } from '@ch/db';
import type { SalesforceClient } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { lockScope } from './record-store.ts';
import type { RunTotals } from './run-history.ts';

/**
 * After a full load over an existing copy (a resync), the copy must end with exactly Salesforce's
 * live records. The load upserts every live one, but a record deleted while we were not looking is
 * never reported: neither one purged from the recycle bin, nor one still in it whose deletion is
 * older than what the first poll (5 minutes before the load's high-water mark) or CDC's replay
 * (72 hours) reaches back. When the copy held live records before the load began, read every live
 * Id (query, not queryAll: a recycle-bin row is deleted, not present) and tombstone the rest. Not a
 * comparison with Salesforce's count: records created during the load can make the counts equal
 * while a stale row remains. A first load never pays for this: all its rows come from its own pages.
 */
export async function sweepVanished(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
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
  const present = new Set<string>();
  for await (const page of client.queryPages(`SELECT Id FROM ${objectName}`)) {
    totals.apiCalls += 1;
    for (const row of page.records) present.add(String(row.Id));
  }
  const live = await db.salesforceRecord.findMany({ where, select: { id: true } });
  const vanished = live.map((row) => row.id).filter((id) => !present.has(id));
  if (vanished.length === 0) return;
  // Straight to a tombstone, keeping the last version seen: a later undelete in Salesforce has a
  // newer SystemModstamp and passes the version guard.
  const marked = await db.$transaction(async (tx) => {
    await lockScope(tx, sync.organizationId, sync.object);
    return tx.$executeRaw`
      UPDATE "SalesforceRecord"
      SET deleted = true, "deletedAt" = now(), seq = nextval('"SalesforceRecord_seq_seq"'), "updatedAt" = now()
      WHERE "organizationId" = ${sync.organizationId}::uuid AND object = ${sync.object}::"SyncObject"
        AND id = ANY(${vanished}::text[]) AND NOT deleted AND seq <= ${upTo}`;
  });
  totals.deleted += marked;
}
