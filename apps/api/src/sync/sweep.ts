import type { Db, ObjectSync } from '@ch/db';
import type { SalesforceClient } from '@ch/salesforce';
import { SALESFORCE_NAME } from './fields.ts';
import type { RunTotals } from './run-history.ts';

/**
 * After a full load over an existing copy (a resync), records Salesforce no longer has at all
 * (deleted and then purged from the recycle bin while we were not looking) were never reported as
 * deleted. When the copy holds more live records than Salesforce counts, read every Id (queryAll:
 * recycle-bin rows count as present, their IsDeleted comes through the normal path) and mark the
 * rest deleted. A first load never pays for this: its copy cannot exceed the count.
 */
export async function sweepVanished(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
): Promise<void> {
  const where = { organizationId: sync.organizationId, object: sync.object, deleted: false };
  const local = await db.salesforceRecord.count({ where });
  if (local <= (sync.fullLoadTotal ?? 0)) return;
  const objectName = SALESFORCE_NAME[sync.object];
  totals.apiCalls += 1;
  if (local <= (await client.count(objectName))) return;
  const present = new Set<string>();
  for await (const page of client.queryPages(`SELECT Id FROM ${objectName}`, { includeDeleted: true })) {
    totals.apiCalls += 1;
    for (const row of page.records) present.add(String(row.Id));
  }
  const live = await db.salesforceRecord.findMany({ where, select: { id: true } });
  const vanished = live.map((row) => row.id).filter((id) => !present.has(id));
  if (vanished.length === 0) return;
  // Straight to a tombstone: there is no newer Salesforce version for these ids, ever.
  const marked = await db.$executeRaw`
    UPDATE "SalesforceRecord"
    SET deleted = true, "deletedAt" = now(), seq = nextval('"SalesforceRecord_seq_seq"'), "updatedAt" = now()
    WHERE "organizationId" = ${sync.organizationId}::uuid AND object = ${sync.object}::"SyncObject"
      AND id = ANY(${vanished}::text[]) AND NOT deleted`;
  totals.deleted += marked;
}
