import type { Db, ObjectSync } from '@ch/db';
import type { SalesforceClient } from '@ch/salesforce';
import { chosenFieldsOf, pickSynced } from './fields.ts';
import type { IncomingRecord } from './record-store.ts';
import { resumablePages } from './resumable-pages.ts';
import type { RunTotals } from './run-history.ts';
import { backfillQuery } from './soql.ts';
import { storeRecords } from './store-records.ts';

/**
 * Reads fields the admin added since the last run for every record already stored, instead of
 * loading everything again: Id, SystemModstamp and the new fields only, in Id order, merged into
 * the stored rows (merge keeps every other field). A row whose values appear gets a new seq, so
 * the change feed reports it. Records not stored yet are left to the load or poll that stores
 * them whole. Each page commits on its own; the pending list is cleared at the end, so a run
 * stopped mid-way reads the new fields again from the start next time (merging is idempotent).
 */
export async function backfillPending(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
): Promise<void> {
  const pending = new Set(sync.backfillFields);
  const fields = chosenFieldsOf(sync).filter((field) => pending.has(field.name));
  if (pending.size === 0) return;
  const scope = { organizationId: sync.organizationId, object: sync.object };
  if (fields.length > 0 && (await db.salesforceRecord.count({ where: scope, take: 1 })) > 0) {
    let afterId: string | null = null;
    for await (const page of resumablePages(client, () => backfillQuery(sync.object, fields, afterId))) {
      totals.apiCalls += 1;
      if (page.records.length === 0) continue;
      afterId = String(page.records.at(-1)!.Id);
      const ids = page.records.map((row) => String(row.Id));
      const stored = await db.salesforceRecord.findMany({
        where: { ...scope, id: { in: ids }, deleted: false },
        select: { id: true },
      });
      const present = new Set(stored.map((row) => row.id));
      // Only values that appeared: absent and null read the same, and an empty field would give
      // the change feed a record with nothing new in it.
      const records: IncomingRecord[] = page.records
        .filter((row) => present.has(String(row.Id)))
        .map((row) => ({
          id: String(row.Id),
          fields: Object.fromEntries(
            Object.entries(pickSynced(fields, row)).filter(
              ([, value]) => value !== null && value !== undefined,
            ),
          ),
          modstamp: new Date(String(row.SystemModstamp)),
          deleted: false,
        }))
        .filter((record) => Object.keys(record.fields).length > 0);
      if (records.length === 0) continue;
      const applied = await db.$transaction((tx) => storeRecords(tx, scope, records, { merge: true }));
      totals.upserted += applied.upserted;
    }
  }
  // Only what was read: a field chosen while this ran stays pending for the next run.
  await db.$executeRaw`
    UPDATE "ObjectSync" SET "backfillFields" = ARRAY(
      SELECT unnest("backfillFields") EXCEPT SELECT unnest(${[...pending]}::text[]))
    WHERE "organizationId" = ${sync.organizationId}::uuid AND id = ${sync.id}::uuid`;
}
