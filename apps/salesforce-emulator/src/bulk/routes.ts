import type { Emulator } from '../core/emulator.ts';
import { readJson, sendEmpty, sendJson, sfError } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { authed, type Session } from '../rest/gate.ts';
import { sourceRows } from '../rest/query.ts';
import { SoqlError } from '../soql/errors.ts';
import { planQuery } from '../soql/execute.ts';
import { queryableFor } from '../store/org-fields.ts';
import { DELIMITERS, LINE_ENDINGS } from './csv.ts';
import {
  addJob,
  type ColumnDelimiter,
  findJob,
  jobInfo,
  jobSummary,
  type LineEnding,
  listJobs,
  removeJob,
  stateOf,
} from './jobs.ts';
import { decodeLocator, encodeLocator, sendResults } from './results.ts';
import { assertBulkQueryable } from './soql-limits.ts';

const BASE = '/services/data/:version/jobs/query';
const LIST_PAGE = 1000;

/** Bulk API 2.0 query jobs exist from API version 47.0: older versions have no such resource. */
function bulkSession(handler: (ctx: Ctx, s: Session) => Promise<void> | void) {
  return (ctx: Ctx, s: Session) => {
    if (Number(s.version) < 47) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return handler(ctx, s);
  };
}

function badBody(message: string): never {
  throw sfError(400, 'API_ERROR', message);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  return badBody(`Invalid ${name}: ${String(value)}. Allowed values: ${allowed.join(', ')}`);
}

async function createJob(emu: Emulator, ctx: Ctx, s: Session): Promise<void> {
  const body = (await readJson(ctx.req)) as Record<string, unknown>;
  const operation = oneOf(body.operation, ['query', 'queryAll'] as const, 'query', 'operation');
  if (body.operation === undefined) badBody('operation is required: query or queryAll');
  if (typeof body.query !== 'string' || body.query.trim() === '') badBody('query is required');
  oneOf(body.contentType, ['CSV'] as const, 'CSV', 'contentType');
  const delimiters = Object.keys(DELIMITERS) as ColumnDelimiter[];
  const columnDelimiter = oneOf(body.columnDelimiter, delimiters, 'COMMA', 'columnDelimiter');
  const endings = Object.keys(LINE_ENDINGS) as LineEnding[];
  const lineEnding = oneOf(body.lineEnding, endings, 'LF', 'lineEnding');
  assertBulkQueryable(body.query);
  try {
    const plan = planQuery(body.query, queryableFor(s.org));
    const scanAll = operation === 'queryAll';
    const rows = plan.run(sourceRows(emu, s, plan.def, scanAll, false));
    const now = emu.clock.now();
    const job = addJob(emu, s.org, {
      operation,
      soql: body.query,
      def: plan.def,
      fields: plan.fields ?? [],
      rows,
      createdById: s.user.id,
      createdAt: now,
      runMs: emu.settings.bulkJobDelayMs,
      apiVersion: s.version,
      columnDelimiter,
      lineEnding,
    });
    sendJson(ctx.res, 200, jobSummary(job, now));
  } catch (err) {
    if (err instanceof SoqlError) throw sfError(400, err.errorCode, err.message);
    throw err;
  }
}

/** All query jobs of the org, 1,000 a page; Bulk API 1.0 and ingest filters match none here. */
function listAll(emu: Emulator, ctx: Ctx, s: Session): void {
  const q = ctx.url.searchParams;
  const now = emu.clock.now();
  const jobType = q.get('jobType');
  const none =
    (jobType !== null && jobType !== 'V2Query') ||
    q.get('isPkChunkingEnabled') === 'true' ||
    (q.get('concurrencyMode') ?? 'parallel').toLowerCase() !== 'parallel';
  const jobs = none ? [] : listJobs(emu, s.org);
  const locator = q.get('queryLocator');
  const start = locator === null ? 0 : decodeLocator(locator, jobs.length);
  const end = Math.min(jobs.length, start + LIST_PAGE);
  const done = end >= jobs.length;
  sendJson(ctx.res, 200, {
    done,
    records: jobs.slice(start, end).map((j) => jobSummary(j, now)),
    nextRecordsUrl: done
      ? null
      : `/services/data/v${s.version}/jobs/query?queryLocator=${encodeLocator(end)}`,
  });
}

function abortJob(emu: Emulator, ctx: Ctx, s: Session, body: Record<string, unknown>): void {
  if (body.state !== 'Aborted')
    badBody(`Invalid state: ${String(body.state)}. A query job can only be Aborted`);
  const job = findJob(emu, s.org, ctx.params.id ?? '');
  const now = emu.clock.now();
  const { state } = stateOf(job, now);
  if (state !== 'UploadComplete' && state !== 'InProgress')
    throw sfError(400, 'INVALIDJOB', `Cannot abort job ${job.id}: its state is ${state}`);
  job.abortedAt = now;
  sendJson(ctx.res, 200, jobSummary(job, now));
}

function deleteJob(emu: Emulator, ctx: Ctx, s: Session): void {
  const job = findJob(emu, s.org, ctx.params.id ?? '');
  const { state } = stateOf(job, emu.clock.now());
  if (state === 'InProgress')
    throw sfError(400, 'INVALIDJOB', `Cannot delete job ${job.id} while it is InProgress; abort it first`);
  removeJob(s.org, job.id);
  sendEmpty(ctx.res, 204);
}

/** Bulk API 2.0 query jobs: create, list, inspect, read results, abort, delete. */
export function registerBulkQuery(router: Router, emu: Emulator): void {
  const on = (method: string, path: string, handler: (ctx: Ctx, s: Session) => Promise<void> | void) =>
    router.on(method, `${BASE}${path}`, authed(emu, bulkSession(handler)));
  on('POST', '', (ctx, s) => createJob(emu, ctx, s));
  on('GET', '', (ctx, s) => listAll(emu, ctx, s));
  on('GET', '/:id', (ctx, s) =>
    sendJson(ctx.res, 200, jobInfo(findJob(emu, s.org, ctx.params.id ?? ''), emu.clock.now())),
  );
  on('PATCH', '/:id', async (ctx, s) =>
    abortJob(emu, ctx, s, (await readJson(ctx.req)) as Record<string, unknown>),
  );
  on('DELETE', '/:id', (ctx, s) => deleteJob(emu, ctx, s));
  on('GET', '/:id/results', (ctx, s) => sendResults(emu, ctx, s));
}
