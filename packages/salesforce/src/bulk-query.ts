import { setTimeout as sleep } from 'node:timers/promises';
import { openResultsPage } from './bulk-results.ts';
import { isSalesforceError, SalesforceError } from './errors.ts';
import { dataPath, rest } from './rest.ts';
import type { Session } from './session.ts';
import type { SalesforceRecord } from './types.ts';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface BulkJobStatus {
  jobId: string;
  state: BulkJobState;
  numberRecordsProcessed: number;
}

export interface BulkQueryOptions {
  /** Use queryAll: include soft-deleted rows (IsDeleted = true). */
  includeDeleted?: boolean;
  /**
   * Field name -> Salesforce field type (describe's `type`): booleans and numbers come back typed
   * as REST gives them. Fields not listed stay strings; an empty field is null either way.
   */
  fieldTypes?: Readonly<Record<string, string>>;
  /** Records per results page (Bulk's maxRecords, one API call each); default 20,000. */
  pageSize?: number;
  /** Records per array a page's `batches` yields (what memory holds of a page); default 2,000. */
  batchSize?: number;
  /** Carry on with an existing job from this page (null: its first page) instead of creating one. */
  resume?: { jobId: string; locator: string | null };
  /** Polling back-off: starts at initialMs, doubles up to maxMs, gives up after timeoutMs. */
  poll?: { initialMs?: number; maxMs?: number; timeoutMs?: number };
  /**
   * Called with each job status seen while polling (progress from numberRecordsProcessed); a
   * promise is awaited, so a caller can commit the job id before the job finishes.
   */
  onStatus?: (status: BulkJobStatus) => unknown;
}

export interface BulkQueryPage<R extends SalesforceRecord = SalesforceRecord> {
  jobId: string;
  /** The locator this page was read with (null: the first page). */
  locator: string | null;
  /** The next page's locator, null after the last page: with jobId, the checkpoint to resume from. */
  nextLocator: string | null;
  /**
   * The page's records as they are parsed, in arrays of at most `batchSize`: read them before the
   * page after next is asked for. The whole page is never in memory (see bulk-results.ts).
   */
  batches: AsyncGenerator<R[], void, undefined>;
  /** The job's record count, for progress. */
  totalSize: number;
}

interface RawJob {
  id: string;
  state: BulkJobState;
  numberRecordsProcessed?: number;
  columnDelimiter?: string;
}

const DEFAULT_PAGE_SIZE = 20_000;
const DEFAULT_BATCH_SIZE = 2000;

function jobPath(session: Session, jobId?: string): string {
  return dataPath(session, `jobs/query${jobId === undefined ? '' : `/${encodeURIComponent(jobId)}`}`);
}

async function createJob(session: Session, soql: string, includeDeleted: boolean): Promise<RawJob> {
  try {
    return await rest<RawJob>(session, {
      method: 'POST',
      url: jobPath(session),
      body: { operation: includeDeleted ? 'queryAll' : 'query', query: soql },
    });
  } catch (err) {
    // INVALIDJOB at creation is a query Bulk API 2.0 will not run (OFFSET, COUNT(), ...).
    if (isSalesforceError(err) && err.errorCode === 'INVALIDJOB')
      throw new SalesforceError('invalid_query', err.message, {
        errorCode: err.errorCode,
        status: err.status,
      });
    throw err;
  }
}

/** Polls the job until it is JobComplete; Failed or Aborted ends the load with an error saying so. */
async function waitForJob(session: Session, jobId: string, options: BulkQueryOptions): Promise<RawJob> {
  const { initialMs = 250, maxMs = 5000, timeoutMs = 15 * 60_000 } = options.poll ?? {};
  const deadline = Date.now() + timeoutMs;
  for (let delay = initialMs; ; delay = Math.min(maxMs, delay * 2)) {
    const job = await rest<RawJob>(session, { url: jobPath(session, jobId) });
    await options.onStatus?.({
      jobId,
      state: job.state,
      numberRecordsProcessed: job.numberRecordsProcessed ?? 0,
    });
    if (job.state === 'JobComplete') return job;
    if (job.state === 'Failed' || job.state === 'Aborted') {
      throw new SalesforceError('unknown', `Bulk query job ${jobId} ended ${job.state}`, {
        errorCode: job.state === 'Failed' ? 'BULK_JOB_FAILED' : 'BULK_JOB_ABORTED',
      });
    }
    if (Date.now() + delay > deadline) {
      throw new SalesforceError('transient', `Bulk query job ${jobId} not complete after ${timeoutMs} ms`, {
        errorCode: 'BULK_JOB_TIMEOUT',
      });
    }
    await sleep(delay);
  }
}

/**
 * A Bulk API 2.0 query, page by page: creates the job (or resumes one), polls it with back-off
 * until JobComplete, then opens each results page only when the caller asks for the next, so a
 * consumer can store `{jobId, nextLocator}` after each page and resume there after a crash. A
 * page is yielded as soon as its answer begins, its records streamed (`batches`); a caller may ask
 * for the next page while it still reads this one, so that the next call's wait overlaps its work.
 */
export async function* bulkQueryPages<R extends SalesforceRecord = SalesforceRecord>(
  session: Session,
  soql: string,
  options: BulkQueryOptions = {},
): AsyncGenerator<BulkQueryPage<R>, void, undefined> {
  const jobId = options.resume?.jobId ?? (await createJob(session, soql, options.includeDeleted ?? false)).id;
  const job = await waitForJob(session, jobId, options);
  // Jobs this client creates use Salesforce's default COMMA; a resumed job made elsewhere may not.
  if ((job.columnDelimiter ?? 'COMMA') !== 'COMMA') {
    throw new SalesforceError('unknown', `Bulk query job ${jobId} uses ${job.columnDelimiter}, not COMMA`, {
      errorCode: 'BULK_JOB_DELIMITER',
    });
  }
  const totalSize = job.numberRecordsProcessed ?? 0;
  let locator = options.resume?.locator ?? null;
  for (;;) {
    const page = await openResultsPage<R>(session, {
      jobId,
      locator,
      maxRecords: options.pageSize ?? DEFAULT_PAGE_SIZE,
      fieldTypes: options.fieldTypes ?? {},
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    });
    let wanted = false;
    try {
      yield { jobId, locator, nextLocator: page.nextLocator, batches: page.batches, totalSize };
      wanted = true;
    } finally {
      // Stopped at this page (return or throw): its body, maybe never read, is let go.
      if (!wanted) page.cancel();
    }
    if (page.nextLocator === null) return;
    locator = page.nextLocator;
  }
}

/** Aborts a job that is still queued or running (e.g. a load that was cancelled). */
export async function abortBulkQuery(session: Session, jobId: string): Promise<void> {
  await rest(session, { method: 'PATCH', url: jobPath(session, jobId), body: { state: 'Aborted' } });
}

/** Deletes a job and its results once the load no longer needs them to resume. */
export async function deleteBulkQuery(session: Session, jobId: string): Promise<void> {
  await rest(session, { method: 'DELETE', url: jobPath(session, jobId) });
}
