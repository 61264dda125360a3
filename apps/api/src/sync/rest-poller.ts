import type { Db, ObjectSync } from '@ch/db';
import type { SalesforceClient, SalesforceRecord } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { backfillPending } from './backfill.ts';
import { pickSynced, syncedFieldsOf } from './fields.ts';
import type { IncomingRecord } from './record-store.ts';
import { resumablePages } from './resumable-pages.ts';
import type { RunTotals } from './run-history.ts';
import { changesQuery, fullLoadQuery, highWaterQuery } from './soql.ts';
import { storeRecords } from './store-records.ts';
import { sweepVanished } from './sweep.ts';

/**
 * Salesforce can commit a row with a SystemModstamp a little older than rows already visible, so
 * each poll re-reads this much before the cursor; the version guard makes the re-read harmless.
 */
export const LOOKBACK_MS = 5 * 60_000;

const toIncoming = (sync: ObjectSync, row: SalesforceRecord): IncomingRecord => ({
  id: String(row.Id),
  fields: pickSynced(syncedFieldsOf(sync), row),
  modstamp: new Date(String(row.SystemModstamp)),
  deleted: row.IsDeleted === true,
});

/**
 * The first load of every record, page by page in Id order, each page applied with its checkpoint
 * in one transaction: a crash resumes after the last committed page, not from the start, and so
 * does a query whose locator died with a refreshed session (a new query after the checkpoint).
 */
export async function fullLoad(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
): Promise<void> {
  const objectName = SALESFORCE_NAME[sync.object];
  let afterId = sync.fullLoadAfterId;
  if (sync.fullLoadTotal === null) {
    // Before reading anything: where incremental polling must start once the load is done.
    const [newest] = await firstPage(client, highWaterQuery(sync.object), totals);
    const total = await client.count(objectName);
    totals.apiCalls += 1;
    await db.objectSync.update({
      where: { id: sync.id },
      data: {
        fullLoadTotal: total,
        fullLoadDone: 0,
        fullLoadAfterId: null,
        // Local time, compared with local time only (CDC's replay window, cdc/subscriber.ts).
        fullLoadStartedAt: new Date(),
        cursor: newest ? new Date(String(newest.SystemModstamp)) : new Date(0),
      },
    });
    afterId = null;
  }
  for await (const page of resumablePages(client, () =>
    fullLoadQuery(sync.object, syncedFieldsOf(sync), afterId),
  )) {
    totals.apiCalls += 1;
    const records = page.records.map((row) => toIncoming(sync, row));
    if (records.length === 0) continue;
    const last = records.at(-1)!.id;
    const applied = await db.$transaction(async (tx) => {
      const result = await storeRecords(tx, sync, records, { merge: false });
      await tx.objectSync.update({
        where: { id: sync.id },
        data: { fullLoadAfterId: last, fullLoadDone: { increment: records.length } },
      });
      return result;
    });
    afterId = last;
    totals.upserted += applied.upserted;
    totals.deleted += applied.deleted;
  }
  await sweepVanished(db, client, await db.objectSync.findUniqueOrThrow({ where: { id: sync.id } }), totals);
  await db.objectSync.update({
    where: { id: sync.id },
    data: { fullLoadCompletedAt: new Date(), fullLoadAfterId: null },
  });
}

/**
 * Changes since the cursor (minus the lookback), deletions included, in SystemModstamp order; each
 * page moves the cursor in the same transaction that applies it. The cursor never goes back.
 */
export async function pollChanges(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
): Promise<void> {
  // Fields chosen since the last run are read for the stored records first (backfill.ts).
  await backfillPending(db, client, sync, totals);
  let cursor = sync.cursor ?? new Date(0);
  const since = () => new Date(cursor.getTime() - LOOKBACK_MS);
  const fields = syncedFieldsOf(sync);
  const pages = resumablePages(client, () => changesQuery(sync.object, fields, since()), {
    includeDeleted: true,
  });
  for await (const page of pages) {
    totals.apiCalls += 1;
    const records = page.records.map((row) => toIncoming(sync, row));
    if (records.length === 0) continue;
    // A record with no valid SystemModstamp is skipped by the store; it cannot move the cursor.
    const stamps = records.map((r) => r.modstamp.getTime()).filter((t) => !Number.isNaN(t));
    const newest = new Date(Math.max(cursor.getTime(), ...stamps));
    const applied = await db.$transaction(async (tx) => {
      const result = await storeRecords(tx, sync, records, { merge: false });
      await tx.objectSync.update({ where: { id: sync.id }, data: { cursor: newest } });
      return result;
    });
    cursor = newest;
    totals.upserted += applied.upserted;
    totals.deleted += applied.deleted;
  }
}

async function firstPage(
  client: SalesforceClient,
  soql: string,
  totals: RunTotals,
): Promise<SalesforceRecord[]> {
  for await (const page of client.queryPages(soql, { includeDeleted: true })) {
    totals.apiCalls += 1;
    return page.records;
  }
  return [];
}
