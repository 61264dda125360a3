import { restDatetime } from '../core/clock.ts';
import type { Emulator } from '../core/emulator.ts';
import { sfError } from '../http/respond.ts';
import type { FieldDef, ObjectDef } from '../store/schema.ts';
import type { Org, SfRecord } from '../store/types.ts';

export type JobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type ColumnDelimiter = 'COMMA' | 'TAB' | 'PIPE' | 'SEMICOLON' | 'CARET' | 'BACKQUOTE';
export type LineEnding = 'LF' | 'CRLF';

export interface BulkQueryJob {
  id: string;
  operation: 'query' | 'queryAll';
  soql: string;
  def: ObjectDef;
  fields: FieldDef[];
  /** The result rows, taken when the job was created: later saves do not change them. */
  rows: SfRecord[];
  createdById: string;
  createdAt: number;
  /** The job's whole run (queued, then in progress), fixed when it is created. */
  runMs: number;
  apiVersion: string;
  columnDelimiter: ColumnDelimiter;
  lineEnding: LineEnding;
  /** Armed through the control API: the job ends Failed instead of JobComplete. */
  willFail: boolean;
  abortedAt: number | undefined;
}

interface OrgBulk {
  jobs: Map<string, BulkQueryJob>;
  failNext: number;
}

// Keyed by the org object: an emulator reset builds new orgs, so their jobs go with the old ones.
const byOrg = new WeakMap<Org, OrgBulk>();

function bulkOf(org: Org): OrgBulk {
  let b = byOrg.get(org);
  if (!b) {
    b = { jobs: new Map(), failNext: 0 };
    byOrg.set(org, b);
  }
  return b;
}

export function armFailures(org: Org, count: number): void {
  bulkOf(org).failNext = count;
}

export function addJob(
  emu: Emulator,
  org: Org,
  job: Omit<BulkQueryJob, 'id' | 'willFail' | 'abortedAt'>,
): BulkQueryJob {
  const bulk = bulkOf(org);
  const willFail = bulk.failNext > 0;
  if (willFail) bulk.failNext--;
  const created = { ...job, id: emu.ids.next('750'), willFail, abortedAt: undefined };
  bulk.jobs.set(created.id, created);
  return created;
}

/** The org's live jobs, oldest first; jobs past their retention are dropped as Salesforce does. */
export function listJobs(emu: Emulator, org: Org): BulkQueryJob[] {
  const bulk = bulkOf(org);
  const cutoff = emu.clock.now() - emu.settings.bulkJobRetentionMs;
  for (const [id, job] of bulk.jobs) if (job.createdAt <= cutoff) bulk.jobs.delete(id);
  return [...bulk.jobs.values()];
}

export function findJob(emu: Emulator, org: Org, id: string): BulkQueryJob {
  const job = listJobs(emu, org).find((j) => j.id === id || j.id.slice(0, 15) === id);
  if (!job) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return job;
}

export function removeJob(org: Org, id: string): void {
  bulkOf(org).jobs.delete(id);
}

/** A job's progress is derived from the clock, so no timer runs and advancing the clock finishes it. */
export function stateOf(job: BulkQueryJob, now: number): { state: JobState; processed: number; at: number } {
  const end = job.createdAt + job.runMs;
  const start = job.createdAt + Math.floor(job.runMs / 2);
  const until = job.abortedAt ?? now;
  const processedAt = (t: number) =>
    t < start
      ? 0
      : Math.min(job.rows.length, Math.floor((job.rows.length * (t - start)) / (end - start || 1)));
  if (job.abortedAt !== undefined && job.abortedAt < end)
    return { state: 'Aborted', processed: processedAt(until), at: job.abortedAt };
  if (now >= end) {
    return job.willFail
      ? { state: 'Failed', processed: 0, at: end }
      : { state: 'JobComplete', processed: job.rows.length, at: end };
  }
  if (now >= start) return { state: 'InProgress', processed: processedAt(now), at: start };
  return { state: 'UploadComplete', processed: 0, at: job.createdAt };
}

/** The fields POST answers with; GET on the job adds its counters. */
export function jobSummary(job: BulkQueryJob, now: number) {
  const { state, at } = stateOf(job, now);
  return {
    id: job.id,
    operation: job.operation,
    object: job.def.name,
    createdById: job.createdById,
    createdDate: restDatetime(job.createdAt),
    systemModstamp: restDatetime(at),
    state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
    jobType: 'V2Query',
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

export function jobInfo(job: BulkQueryJob, now: number) {
  const { state, processed, at } = stateOf(job, now);
  return {
    ...jobSummary(job, now),
    numberRecordsProcessed: processed,
    retries: 0,
    totalProcessingTime: state === 'JobComplete' ? at - job.createdAt : 0,
    isPkChunkingSupported: true,
    ...(state === 'Failed' ? { errorMessage: 'Query job failed: an internal error occurred' } : {}),
  };
}
