import type { Emulator } from '../core/emulator.ts';
import { sfError } from '../http/respond.ts';
import type { Ctx } from '../http/router.ts';
import type { Session } from '../rest/gate.ts';
import { csvPage } from './csv.ts';
import { findJob, stateOf } from './jobs.ts';

/**
 * Locators are opaque to clients; from API 49.0 Salesforce sends short pseudo-random strings
 * (e.g. `MTAwMDA`). Here: the page's first row offset in unpadded base64, stable for the job's life.
 */
export function encodeLocator(offset: number): string {
  return Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
}

export function decodeLocator(locator: string, size: number): number {
  const text = /^[A-Za-z0-9]+$/.test(locator) ? Buffer.from(locator, 'base64').toString('utf8') : '';
  const offset = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > size)
    throw sfError(400, 'API_ERROR', `Invalid locator: ${locator}`);
  return offset;
}

function maxRecordsOf(ctx: Ctx, fallback: number): number {
  const raw = ctx.url.searchParams.get('maxRecords');
  if (raw === null) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw sfError(400, 'API_ERROR', `Invalid maxRecords: ${raw}. It must be a positive integer`);
  return n;
}

/**
 * One page of a completed job's results as CSV. `Sforce-Locator` names the next page, or is the
 * string "null" on the last one; `Sforce-NumberOfRecords` counts this page's rows.
 */
export function sendResults(emu: Emulator, ctx: Ctx, s: Session): void {
  const job = findJob(emu, s.org, ctx.params.id ?? '');
  if (s.version !== job.apiVersion) {
    throw sfError(
      409,
      'API_ERROR',
      `Results must be read with the API version the job was created with (${job.apiVersion})`,
    );
  }
  const { state } = stateOf(job, emu.clock.now());
  if (state !== 'JobComplete')
    throw sfError(400, 'INVALIDJOB', `Results are available once the job is JobComplete; it is ${state}`);
  const locator = ctx.url.searchParams.get('locator');
  const start = locator === null || locator === '' ? 0 : decodeLocator(locator, job.rows.length);
  const end = Math.min(job.rows.length, start + maxRecordsOf(ctx, emu.settings.bulkResultsPageSize));
  const body = csvPage(job.fields, job.rows.slice(start, end), job.columnDelimiter, job.lineEnding);
  // writeHead + end only: the gate's connection-reset fault replaces exactly these two.
  ctx.res.writeHead(200, {
    'Content-Type': 'text/csv',
    'Content-Length': Buffer.byteLength(body),
    'Sforce-Locator': end < job.rows.length ? encodeLocator(end) : 'null',
    'Sforce-NumberOfRecords': String(end - start),
  });
  ctx.res.end(body);
}
