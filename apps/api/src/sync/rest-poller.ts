import { type Db, type ObjectSync, tenantKey } from '@ch/db';
import type { SalesforceClient, SalesforceRecord } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { backfillPending } from './backfill.ts';
import { BULK_PAGE_SIZE, bulkLoad, STORE_BATCH } from './bulk-load.ts';
import { syncedFieldsOf } from './fields.ts';
import { FULL_LOAD_RESET } from './full-load-reset.ts';
import { toIncoming } from './incoming.ts';
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

/** The default SYNC_BULK_THRESHOLD: loads of more records than this go through Bulk API 2.0. */
export const BULK_THRESHOLD = 10_000;

export interface FullLoadOptions {
  /** More records than this (Salesforce's count when the load began): Bulk API 2.0, else REST. */
  bulkThreshold?: number;
  /** Records per Bulk results page (tests use small pages to see several). */
  bulkPageSize?: number;
  /** Records per store statement within a Bulk page (tests use small ones to see several). */
  bulkBatchSize?: number;
}

/**
 * The first load of every record, page by page in Id order, each page applied with its checkpoint
 * in one transaction: a crash resumes after the last committed page, not from the start, and so
 * does a query whose locator died with a refreshed session (a new query after the checkpoint).
 * An object above the Bulk threshold is read by one Bulk API 2.0 job first (bulk-load.ts), whose
 * last page leaves a REST checkpoint behind; if Bulk fails the REST pages read it all instead,
 * and the run history says so (`totals.note`).
 */
export async function fullLoad(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
  options: FullLoadOptions = {},
): Promise<void> {
  const begun = sync.fullLoadTotal === null ? await beginLoad(db, client, sync, totals) : sync;
  let afterId = begun.fullLoadAfterId;
  const bulk =
    begun.fullLoadJobId !== null ||
    (afterId === null && (begun.fullLoadTotal ?? 0) > (options.bulkThreshold ?? BULK_THRESHOLD));
  if (bulk) {
    const outcome = await bulkLoad(db, client, begun, totals, {
      pageSize: options.bulkPageSize ?? BULK_PAGE_SIZE,
      batchSize: options.bulkBatchSize ?? STORE_BATCH,
    });
    if (outcome.kind === 'fell-back') {
      totals.note = `Bulk API could not load this object (${outcome.reason}), so it was loaded with REST paging instead; records already stored were kept.`;
    }
    ({ fullLoadAfterId: afterId } = await db.objectSync.findUniqueOrThrow({ where: tenantKey(sync) }));
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
        where: tenantKey(sync),
        data: { fullLoadAfterId: last, fullLoadDone: { increment: records.length } },
      });
      return result;
    });
    afterId = last;
    totals.upserted += applied.upserted;
    totals.deleted += applied.deleted;
  }
  await sweepVanished(db, client, await db.objectSync.findUniqueOrThrow({ where: tenantKey(sync) }), totals);
  await db.objectSync.update({
    where: tenantKey(sync),
    data: { fullLoadCompletedAt: new Date(), fullLoadAfterId: null },
  });
}

/** Before reading anything: Salesforce's count, and where incremental polling starts once done. */
async function beginLoad(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
): Promise<ObjectSync> {
  const [newest] = await firstPage(client, highWaterQuery(sync.object), totals);
  const total = await client.count(SALESFORCE_NAME[sync.object]);
  totals.apiCalls += 1;
  return db.objectSync.update({
    where: tenantKey(sync),
    data: {
      ...FULL_LOAD_RESET,
      fullLoadTotal: total,
      // Local time, compared with local time only (CDC's replay window, cdc/subscriber.ts).
      fullLoadStartedAt: new Date(),
      cursor: newest ? new Date(String(newest.SystemModstamp)) : new Date(0),
    },
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
      await tx.objectSync.update({ where: tenantKey(sync), data: { cursor: newest } });
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
