import { type Db, type ObjectSync, type Prisma, tenantKey } from '@ch/db';
import { type BulkQueryPage, isSalesforceError, type SalesforceClient } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { syncedFieldsOf } from './fields.ts';
import { toIncoming } from './incoming.ts';
import type { RunTotals } from './run-history.ts';
import { bulkLoadQuery } from './soql.ts';
import { storeRecords } from './store-records.ts';

/**
 * Records per results page: each page is one API call, and 50,000 keeps a million-record load
 * near 20 calls. A page is streamed into the store (storePage), so its size does not weigh on
 * memory; it bounds how much a killed load reads again, and how long a page's transaction is.
 */
export const BULK_PAGE_SIZE = 50_000;
/**
 * Records per store statement, as the page's CSV is parsed: with one batch stored while the next
 * is parsed, memory holds two batches of a page, never the page (the 300 MB target of issue #15).
 * 2,000 loaded a million records as fast as 5,000 did, with 108 MB less peak RSS (decision 016).
 */
export const STORE_BATCH = 2000;
/** Salesforce takes minutes over a large job: polls back off to this, so waiting costs few calls. */
const POLL_MAX_MS = 20_000;

/**
 * A page is stored with its checkpoint in one transaction, which takes seconds for 50,000 records
 * on a busy database: more than Prisma's 5 s default, within the statement timeout's 2 minutes.
 */
const PAGE_TRANSACTION = { timeout: 120_000 };

/** How a Bulk load ended: every page stored, or Bulk refused and the load must go on with REST. */
export type BulkOutcome = { kind: 'loaded' } | { kind: 'fell-back'; reason: string };

/**
 * The full load's pages from one Bulk API 2.0 query job (decision 016), each stored with its
 * checkpoint `{fullLoadJobId, fullLoadLocator}` in one transaction: a worker killed mid-load
 * resumes at the next page of the same job, or starts a new job once Salesforce no longer
 * holds that job's results. After the last page the checkpoint becomes the REST one (the
 * highest Id stored), so a resume reads only records created since, and the load finishes as a
 * REST load does (sweep, completion). Failures Bulk alone has end in `fell-back`: the caller
 * reads with REST pages instead; the records stored so far stay.
 */
export async function bulkLoad(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
  sizes: { pageSize: number; batchSize: number } = { pageSize: BULK_PAGE_SIZE, batchSize: STORE_BATCH },
): Promise<BulkOutcome> {
  // Bulk's CSV is text only: describe's types give booleans and numbers back as REST gives them.
  const describe = await client.describe(SALESFORCE_NAME[sync.object]);
  totals.apiCalls += 1;
  const fieldTypes = Object.fromEntries(describe.fields.map((field) => [field.name, field.type]));
  let resume = sync.fullLoadJobId ? { jobId: sync.fullLoadJobId, locator: sync.fullLoadLocator } : undefined;
  const reading = { page: false, rereads: 0 };
  for (;;) {
    try {
      await readJob(db, client, sync, totals, { resume, ...sizes, fieldTypes, reading });
      return { kind: 'loaded' };
    } catch (error) {
      if (reading.page && isSalesforceError(error, 'transient') && reading.rereads++ < PAGE_REREADS) {
        // A page's body broke off while it was stored (its transaction rolled back): the page is
        // read again from the committed checkpoint, as the client retries a page that never began.
        const now = await db.objectSync.findUniqueOrThrow({ where: tenantKey(sync) });
        resume = now.fullLoadJobId ? { jobId: now.fullLoadJobId, locator: now.fullLoadLocator } : undefined;
        continue;
      }
      if (resume && isSalesforceError(error, 'not_found')) {
        // The job's results are gone (deleted or past retention): the load starts over with a new
        // job; records already stored stay, and the version guard makes reading them again harmless.
        await db.objectSync.update({ where: tenantKey(sync), data: { ...NO_JOB, fullLoadDone: 0 } });
        resume = undefined;
        continue;
      }
      const reason = bulkFailure(error);
      if (reason === undefined) throw error;
      await db.objectSync.update({
        where: tenantKey(sync),
        data: { ...NO_JOB, fullLoadAfterId: null, fullLoadDone: 0 },
      });
      return { kind: 'fell-back', reason };
    }
  }
}

/** Times a load reads a page again after its body broke off (see bulkLoad). */
const PAGE_REREADS = 3;

const NO_JOB = { fullLoadJobId: null, fullLoadLocator: null, fullLoadPrepared: null } as const;

async function readJob(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
  options: {
    resume: { jobId: string; locator: string | null } | undefined;
    pageSize: number;
    batchSize: number;
    fieldTypes: Record<string, string>;
    /** Whether a page was being stored when the read failed (see bulkLoad). */
    reading: { page: boolean };
  },
): Promise<void> {
  if (!options.resume) totals.apiCalls += 1; // the job's creation
  let knownJob = options.resume?.jobId;
  const pages = client.bulkQueryPages(bulkLoadQuery(sync.object, syncedFieldsOf(sync)), {
    fieldTypes: options.fieldTypes,
    pageSize: options.pageSize,
    batchSize: options.batchSize,
    poll: { maxMs: POLL_MAX_MS },
    ...(options.resume ? { resume: options.resume } : {}),
    onStatus: async (status) => {
      totals.apiCalls += 1;
      // The job id is committed at the first poll: a worker killed while Salesforce still
      // prepares the results takes the same job up again instead of asking for another.
      const prepared = status.state === 'JobComplete' ? null : status.numberRecordsProcessed;
      if (knownJob === status.jobId && prepared === null) return;
      knownJob = status.jobId;
      await db.objectSync.update({
        where: tenantKey(sync),
        data: {
          fullLoadJobId: status.jobId,
          ...(options.resume ? {} : { fullLoadLocator: null }),
          fullLoadPrepared: prepared,
        },
      });
    },
  });
  options.reading.page = false;
  for await (const page of oneAhead(pages)) {
    totals.apiCalls += 1;
    options.reading.page = true;
    await storePage(db, sync, page, totals);
    options.reading.page = false;
  }
}

/**
 * Asks for the next item while the caller works on this one: the next results page's call (its
 * latency) overlaps the storing of this page, and within a page the next batch is parsed while
 * this one is written. Two items at most are held; the checkpoint is still the committed page's.
 */
export async function* oneAhead<T>(items: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const source = items[Symbol.asyncIterator]();
  // A read that fails while the item before it is used is awaited only afterwards: marked
  // handled at once, or Node would count it unhandled meanwhile and end the process.
  const ask = () => {
    const read = source.next();
    read.catch(() => undefined);
    return read;
  };
  let next = ask();
  try {
    for (let result = await next; !result.done; result = await next) {
      next = ask();
      yield result.value;
    }
  } finally {
    // Stopped early (a failure, a stop between pages): the read under way is not wanted.
    next.then(
      () => source.return?.(),
      () => undefined,
    );
  }
}

/**
 * Stores one page with its checkpoint in one transaction, batch by batch as its CSV is parsed:
 * the transaction is open while the page's body arrives (seconds: Salesforce is already sending
 * it when the page is yielded), and a kill or a failed read rolls the whole page back.
 */
async function storePage(db: Db, sync: ObjectSync, page: BulkQueryPage, totals: RunTotals): Promise<void> {
  const applied = await db.$transaction(async (tx) => {
    const result = { upserted: 0, deleted: 0, records: 0 };
    for await (const batch of oneAhead(page.batches)) {
      const stored = await storeRecords(
        tx,
        sync,
        batch.map((row) => toIncoming(sync, row)),
        { merge: false },
      );
      result.records += batch.length;
      result.upserted += stored.upserted;
      result.deleted += stored.deleted;
    }
    const last = page.nextLocator === null;
    await tx.objectSync.update({
      where: tenantKey(sync),
      data: {
        fullLoadDone: { increment: result.records },
        ...(last
          ? { ...NO_JOB, fullLoadAfterId: await lastStoredId(tx, sync) }
          : { fullLoadJobId: page.jobId, fullLoadLocator: page.nextLocator, fullLoadPrepared: null }),
      },
    });
    return result;
  }, PAGE_TRANSACTION);
  totals.upserted += applied.upserted;
  totals.deleted += applied.deleted;
}

/**
 * The highest Id stored for the scope, in Salesforce's (byte) order: every record of the job is at
 * or below it, so REST paging after it reads only records created since the job began.
 */
async function lastStoredId(tx: Prisma.TransactionClient, sync: ObjectSync): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT max(id COLLATE "C") AS id FROM "SalesforceRecord"
    WHERE "organizationId" = ${sync.organizationId}::uuid AND object = ${sync.object}::"SyncObject"`;
  return row?.id ?? null;
}

/**
 * Why Bulk cannot do this load, in plain words, or undefined when the failure is not Bulk's own
 * (a sign-in, the daily quota, a network failure: the run fails or waits as a REST run would,
 * and the next run resumes from the checkpoint).
 */
export function bulkFailure(error: unknown): string | undefined {
  if (!isSalesforceError(error)) return undefined;
  const code = error.errorCode ?? '';
  if (code === 'BULK_JOB_FAILED') return 'Salesforce ended the Bulk API query job as Failed';
  if (code === 'BULK_JOB_ABORTED') return 'the Bulk API query job was aborted';
  if (code === 'BULK_JOB_TIMEOUT') return 'the Bulk API query job did not finish in time';
  if (error.kind === 'auth_expired' || error.kind === 'auth_revoked' || error.retryable) return undefined;
  // Refused outright: an org without Bulk API 2.0 (FEATURE_NOT_ENABLED, API_DISABLED_FOR_ORG), a
  // version without the endpoint (404), a query Bulk will not run (INVALIDJOB), and the like.
  return `Salesforce refused the Bulk API query (${code || error.kind})`;
}
