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

export interface ResultsPage<R> {
  records: R[];
  /** Sforce-Locator: the next page's locator, or null after the last page. */
  nextLocator: string | null;
}

interface PageRequest {
  jobId: string;
  locator: string | null;
  maxRecords: number | undefined;
  fieldTypes: Readonly<Record<string, string>>;
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
 * The request timeout, counted from the last sign of life: a page of 50,000 records can take
 * longer than the timeout to arrive on a busy host while bytes keep coming; a stalled one cannot.
 */
function idleTimeout(ms: number | undefined) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    if (ms === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException('idle', 'TimeoutError')), ms);
  };
  touch();
  return { signal: controller.signal, touch, clear: () => clearTimeout(timer) };
}

type Idle = ReturnType<typeof idleTimeout>;

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
 * Reads one page, parsing the CSV as it arrives (csv-parse pulls from the socket only as fast
 * as records are taken), so memory holds this page's records and never the whole result.
 */
async function readPage<R extends SalesforceRecord>(
  session: Session,
  req: PageRequest,
): Promise<ResultsPage<R>> {
  const idle = idleTimeout(session.timeoutMs);
  try {
    const res = await request(session, req, idle);
    if (!res.ok) throw await failure(session, res);
    const locator = res.headers.get('sforce-locator');
    const records: R[] = [];
    if (res.body) {
      const source = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
      const parser = parse({ columns: true });
      // pipe() forwards no errors: a body that fails mid-way must end the loop below, not the process.
      source.on('error', (err) => parser.destroy(err));
      source.on('data', idle.touch);
      source.pipe(parser);
      for await (const row of parser as AsyncIterable<Record<string, string>>) {
        const record: Record<string, unknown> = {};
        for (const [name, raw] of Object.entries(row)) record[name] = typeValue(raw, req.fieldTypes[name]);
        records.push(record as R);
      }
    }
    return { records, nextLocator: locator === null || locator === 'null' ? null : locator };
  } finally {
    idle.clear();
  }
}

/** A results page, retried like REST GETs on 5xx and network failures (a locator reads the same page). */
export async function fetchResultsPage<R extends SalesforceRecord>(
  session: Session,
  req: PageRequest,
): Promise<ResultsPage<R>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await readPage<R>(session, req);
    } catch (err) {
      const mapped =
        err instanceof SalesforceError
          ? err
          : (err as Error | undefined)?.name === 'TimeoutError'
            ? new SalesforceError('transient', `No answer from Salesforce within ${session.timeoutMs} ms`, {
                errorCode: 'TIMEOUT',
              })
            : toSalesforceError(err, { refreshFailure: session.refreshFailure, secrets: session.secrets() });
      if (mapped.kind !== 'transient' || attempt >= session.retry.maxRetries) throw mapped;
      await sleep(session.retry.minTimeoutMs * 2 ** attempt);
    }
  }
}
