import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { SalesforceError } from './errors.ts';
import { toSalesforceError } from './map-error.ts';
import { dataPath } from './rest.ts';
import type { Session } from './session.ts';
import type { SalesforceRecord } from './types.ts';

const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);

/**
 * Bulk CSV has only text. With the object's field types (describe's `type`), values come back as
 * REST gives them: booleans, numbers, and null for an empty field (Salesforce keeps no empty
 * strings), and datetimes in REST's spelling (`...000+0000` where Bulk's CSV writes `...000Z`).
 */
export function typeValue(raw: string, type: string | undefined): unknown {
  if (raw === '') return null;
  if (type === 'boolean') return raw === 'true';
  if (type === 'datetime' && raw.endsWith('Z')) return `${raw.slice(0, -1)}+0000`;
  if (type !== undefined && NUMERIC.has(type)) return Number(raw);
  return raw;
}

/** A results page whose answer has begun: its headers are in, its body is read as it is parsed. */
export interface OpenPage<R> {
  /** Sforce-Locator: the next page's locator, or null after the last page. */
  nextLocator: string | null;
  /**
   * The page's records in arrays of at most `batchSize`, parsed from the body as they are taken
   * (backpressure down to the socket): memory holds about one batch, never the page. Read once.
   */
  batches: AsyncGenerator<R[], void, undefined>;
  /** Lets the body go unread (the page is not wanted after all). */
  cancel(): void;
}

interface PageRequest {
  jobId: string;
  locator: string | null;
  maxRecords: number | undefined;
  fieldTypes: Readonly<Record<string, string>>;
  batchSize: number;
}

async function failure(session: Session, res: Response): Promise<SalesforceError> {
  const text = await res.text();
  let body: { errorCode?: string; message?: string } = { message: text || `HTTP ${res.status}` };
  try {
    const parsed = JSON.parse(text) as unknown;
    if (Array.isArray(parsed) && parsed[0]) body = parsed[0] as typeof body;
  } catch {
    // Not JSON: keep the text as the message.
  }
  return toSalesforceError(body, { status: res.status, secrets: session.secrets() });
}

/**
 * The request timeout, counted only while we wait on Salesforce, from its last sign of life: a
 * page of 50,000 records can take longer than the timeout to arrive while bytes keep coming, and
 * the time the caller spends storing a batch (the body left unread) is not Salesforce's silence.
 */
function idleTimeout(ms: number | undefined) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const pause = () => clearTimeout(timer);
  const touch = () => {
    if (ms === undefined) return;
    pause();
    timer = setTimeout(() => controller.abort(new DOMException('idle', 'TimeoutError')), ms);
  };
  touch();
  const cancel = () => {
    pause();
    controller.abort(new DOMException('cancelled', 'AbortError'));
  };
  return { signal: controller.signal, touch, pause, cancel };
}

type Idle = ReturnType<typeof idleTimeout>;

/** Our error for a failed read: timeouts and network failures are transient (a locator re-reads a page). */
function readFailure(session: Session, err: unknown): SalesforceError {
  if (err instanceof SalesforceError) return err;
  if ((err as Error | undefined)?.name === 'TimeoutError')
    return new SalesforceError('transient', `No answer from Salesforce within ${session.timeoutMs} ms`, {
      errorCode: 'TIMEOUT',
    });
  return toSalesforceError(err, { refreshFailure: session.refreshFailure, secrets: session.secrets() });
}

/** One GET of a results page; a 401 refreshes the session once, as jsforce does for REST calls. */
async function request(session: Session, req: PageRequest, idle: Idle): Promise<Response> {
  const query = new URLSearchParams();
  if (req.locator) query.set('locator', req.locator);
  if (req.maxRecords !== undefined) query.set('maxRecords', String(req.maxRecords));
  const path = dataPath(session, `jobs/query/${encodeURIComponent(req.jobId)}/results`);
  const url = `${session.conn.instanceUrl}${path}${query.size > 0 ? `?${query}` : ''}`;
  for (let refreshed = false; ; refreshed = true) {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${session.conn.accessToken ?? ''}`, accept: 'text/csv' },
      signal: idle.signal,
    });
    idle.touch();
    if (res.status !== 401 || refreshed) return res;
    await res.body?.cancel();
    await session.forceRefresh();
  }
}

/**
 * The body's records, typed by column (the header row names them), in arrays of `batchSize`.
 * csv-parse pulls from the socket only as fast as records are taken; the idle timeout is paused
 * while the caller holds a batch. `res` itself is held until the body is read: fetch cancels the
 * body of a Response that is garbage collected, and a page opened ahead of its reading read as
 * empty (no error) once a collection had run.
 */
async function* parseBatches<R>(
  session: Session,
  res: Response,
  req: PageRequest,
  idle: Idle,
): AsyncGenerator<R[], void, undefined> {
  if (!res.body) return;
  idle.touch();
  const source = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  const parser = parse();
  // pipe() forwards no errors: a body that fails mid-way must end the loop below, not the process.
  source.on('error', (err) => parser.destroy(err));
  source.on('data', idle.touch);
  source.pipe(parser);
  let columns: { name: string; type: string | undefined }[] | undefined;
  let batch: R[] = [];
  let count = 0;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = row.map((name) => ({ name, type: req.fieldTypes[name] }));
        continue;
      }
      const record: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++)
        record[columns[i]!.name] = typeValue(row[i] ?? '', columns[i]!.type);
      batch.push(record as R);
      count++;
      if (batch.length >= req.batchSize) {
        idle.pause();
        yield batch;
        idle.touch();
        batch = [];
      }
    }
    idle.pause();
    // Sforce-NumberOfRecords: a body that ends early must fail, not pass for a shorter page. (Read
    // here, after the body: this use is what keeps `res` alive while the body is read.)
    const expected = res.headers.get('sforce-numberofrecords');
    if (expected !== null && Number(expected) !== count) {
      throw new SalesforceError(
        'transient',
        `A Bulk results page ended after ${count} of ${expected} records`,
        {
          errorCode: 'BULK_PAGE_TRUNCATED',
        },
      );
    }
    if (batch.length > 0) yield batch;
  } catch (err) {
    throw readFailure(session, err);
  } finally {
    idle.pause();
    source.destroy();
  }
}

/** Asks for a page and waits for its headers, not its body. */
async function openOnce<R>(session: Session, req: PageRequest): Promise<OpenPage<R>> {
  const idle = idleTimeout(session.timeoutMs);
  try {
    const res = await request(session, req, idle);
    if (!res.ok) throw await failure(session, res);
    // Not Salesforce's silence while the caller is busy elsewhere: timed again once read.
    idle.pause();
    const locator = res.headers.get('sforce-locator');
    return {
      nextLocator: locator === null || locator === 'null' ? null : locator,
      batches: parseBatches<R>(session, res, req, idle),
      cancel: idle.cancel,
    };
  } catch (err) {
    idle.pause();
    throw err;
  }
}

/**
 * Opens a results page, retried like REST GETs on 5xx and network failures until its answer
 * begins (a locator reads the same page). A failure while its body is read is a transient
 * SalesforceError from `batches`: the caller re-reads the page from its locator.
 */
export async function openResultsPage<R extends SalesforceRecord>(
  session: Session,
  req: PageRequest,
): Promise<OpenPage<R>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openOnce<R>(session, req);
    } catch (err) {
      const mapped = readFailure(session, err);
      if (mapped.kind !== 'transient' || attempt >= session.retry.maxRetries) throw mapped;
      await sleep(session.retry.minTimeoutMs * 2 ** attempt);
    }
  }
}
