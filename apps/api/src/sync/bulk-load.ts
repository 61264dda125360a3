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
 * near 20 calls while one page's records stay well under the worker's memory budget.
 */
export const BULK_PAGE_SIZE = 50_000;
/** Records per store statement within a page's transaction (see storePage). */
const STORE_BATCH = 10_000;
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
  pageSize = BULK_PAGE_SIZE,
): Promise<BulkOutcome> {
  // Bulk's CSV is text only: describe's types give booleans and numbers back as REST gives them.
  const describe = await client.describe(SALESFORCE_NAME[sync.object]);
  totals.apiCalls += 1;
  const fieldTypes = Object.fromEntries(describe.fields.map((field) => [field.name, field.type]));
  let resume = sync.fullLoadJobId ? { jobId: sync.fullLoadJobId, locator: sync.fullLoadLocator } : undefined;
  for (;;) {
    try {
      await readJob(db, client, sync, totals, { resume, pageSize, fieldTypes });
      return { kind: 'loaded' };
    } catch (error) {
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

const NO_JOB = { fullLoadJobId: null, fullLoadLocator: null, fullLoadPrepared: null } as const;

async function readJob(
  db: Db,
  client: SalesforceClient,
  sync: ObjectSync,
  totals: RunTotals,
  options: {
    resume: { jobId: string; locator: string | null } | undefined;
    pageSize: number;
    fieldTypes: Record<string, string>;
  },
): Promise<void> {
  if (!options.resume) totals.apiCalls += 1; // the job's creation
  let knownJob = options.resume?.jobId;
  const pages = client.bulkQueryPages(bulkLoadQuery(sync.object, syncedFieldsOf(sync)), {
    fieldTypes: options.fieldTypes,
    pageSize: options.pageSize,
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
  for await (const page of oneAhead(pages)) {
    totals.apiCalls += 1;
    await storePage(db, sync, page, totals);
  }
}

/**
 * Asks for the next page while the caller stores this one: the download and CSV parsing overlap
 * the database's work. Two pages at most are held; the checkpoint is still the committed page's.
 */
export async function* oneAhead<T>(
  source: AsyncGenerator<T, void, undefined>,
): AsyncGenerator<T, void, undefined> {
  // A read that fails while the page before it is stored is awaited only afterwards: marked
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
      () => source.return(),
      () => undefined,
    );
  }
}

async function storePage(db: Db, sync: ObjectSync, page: BulkQueryPage, totals: RunTotals): Promise<void> {
  const records = page.records.map((row) => toIncoming(sync, row));
  // The page's raw rows are not needed once mapped; the next page is already being read beside
  // this one, so letting these go keeps the load's memory nearer one page than two.
  page.records = [];
  const applied = await db.$transaction(async (tx) => {
    // In statements of STORE_BATCH records: one statement's parameters for a whole page (its ids,
    // values as JSON, stamps, and the driver's copies of them) would dwarf the page itself.
    const result = { upserted: 0, deleted: 0 };
    for (let start = 0; start < records.length; start += STORE_BATCH) {
      const stored = await storeRecords(tx, sync, records.slice(start, start + STORE_BATCH), {
        merge: false,
      });
      result.upserted += stored.upserted;
      result.deleted += stored.deleted;
    }
    const last = page.nextLocator === null;
    await tx.objectSync.update({
      where: tenantKey(sync),
      data: {
        fullLoadDone: { increment: records.length },
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
