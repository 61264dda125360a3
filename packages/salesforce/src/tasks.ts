import { toSalesforceError } from './map-error.ts';
import { queryAllRecords } from './query.ts';
import { dataPath, rest } from './rest.ts';
import type { Session } from './session.ts';
import { chunkForIn, inList } from './soql.ts';
import type { CallTaskInput, CallTaskResult, CreateTasksOptions } from './types.ts';

/** composite/sobjects accepts at most 200 records per call. */
const COMPOSITE_MAX = 200;

interface CompositeResult {
  id?: string;
  success: boolean;
  errors?: { statusCode?: string; message?: string }[];
}

function toTaskRecord(input: CallTaskInput): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    attributes: { type: 'Task' },
    Subject: input.subject ?? 'Call',
    TaskSubtype: 'Call',
    Status: input.status ?? 'Completed',
    CallObject: input.callObject,
    WhoId: input.whoId,
    WhatId: input.whatId,
    OwnerId: input.ownerId,
    CallType: input.callType,
    CallDurationInSeconds: input.callDurationInSeconds,
    CallDisposition: input.callDisposition,
    ActivityDate: input.activityDate,
    Description: input.description,
  };
  // Omit unset fields instead of sending nulls that would clear defaults.
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

type FoundTask = {
  Id: string;
  CallObject: string;
  WhoId?: string | null;
  IsDeleted?: boolean;
};

/**
 * Per-record refusals that pass by themselves: a row lock held by another transaction (say, a
 * busy Contact), a request or query that ran too long, a busy or failing server. Anything else
 * (validation, a bad WhoId, a missing permission) will fail the same way again.
 */
const TRANSIENT_RECORD_CODES = new Set([
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_RUNNING_TOO_LONG',
  'QUERY_TIMEOUT',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
]);

// Salesforce answers 18-character ids; a 15-character one is the same record (case-sensitive).
const sameId = (a: string | null | undefined, b: string | undefined) =>
  !!a && !!b && a.slice(0, 15) === b.slice(0, 15);

/**
 * The Task each input already has, by its key (or, for a Task written under a legacy key, only
 * when its WhoId matches). Deleted Tasks count too (queryAll): a call someone removed from
 * Salesforce stays removed. A live Task wins over a deleted one.
 */
async function existingTaskIds(
  session: Session,
  inputs: readonly CallTaskInput[],
): Promise<Map<string, string>> {
  const keys = [...new Set(inputs.flatMap((i) => [i.callObject, i.legacyCallObject ?? []].flat()))];
  const rows: FoundTask[] = [];
  for (const chunk of chunkForIn(keys)) {
    rows.push(
      ...(await queryAllRecords<FoundTask>(
        session,
        `SELECT Id, CallObject, WhoId, IsDeleted FROM Task WHERE CallObject IN ${inList(chunk)}`,
        { includeDeleted: true },
      )),
    );
  }
  rows.sort((a, b) => Number(a.IsDeleted === true) - Number(b.IsDeleted === true));
  const found = new Map<string, string>();
  for (const input of inputs) {
    const own = rows.find((row) => row.CallObject === input.callObject);
    const legacy = input.legacyCallObject
      ? rows.find((row) => row.CallObject === input.legacyCallObject && sameId(row.WhoId, input.whoId))
      : undefined;
    const task = own ?? legacy;
    if (task) found.set(input.callObject, task.Id);
  }
  return found;
}

function recordOutcome(input: CallTaskInput, result: CompositeResult | undefined): CallTaskResult {
  if (result?.success && result.id)
    return { callObject: input.callObject, ok: true, taskId: result.id, created: true };
  const error = result?.errors?.[0];
  const code = error?.statusCode ?? 'UNKNOWN';
  return {
    callObject: input.callObject,
    ok: false,
    error: {
      code,
      message: error?.message ?? 'No result returned',
      // No result at all for a record is an unknown outcome: look it up again before retrying.
      retryable: !result || TRANSIENT_RECORD_CODES.has(code),
    },
  };
}

const ABORTED = {
  code: 'ABORTED',
  message: 'Stopped before sending: the calls are no longer ours to send',
  retryable: true,
};

/**
 * Creates one Task per distinct callObject that has none yet. Results come back in input order;
 * an input whose Task already existed gets `created: false`. A failure of a whole batch (network,
 * quota, timeout) is reported on each of its inputs rather than thrown, so earlier batches' ids
 * are kept; per-record refusals say whether they pass by themselves (`retryable`).
 */
export async function createCallTasks(
  session: Session,
  inputs: readonly CallTaskInput[],
  options: CreateTasksOptions = {},
): Promise<CallTaskResult[]> {
  const existing = await existingTaskIds(session, inputs);
  const results = new Map<string, CallTaskResult>();
  for (const [callObject, taskId] of existing)
    results.set(callObject, { callObject, ok: true, taskId, created: false });

  const pending = [
    ...new Map(inputs.filter((i) => !existing.has(i.callObject)).map((i) => [i.callObject, i])).values(),
  ];
  for (let start = 0; start < pending.length; start += COMPOSITE_MAX) {
    const batch = pending.slice(start, start + COMPOSITE_MAX);
    if (options.signal?.aborted) {
      for (const input of batch)
        results.set(input.callObject, { callObject: input.callObject, ok: false, error: ABORTED });
      continue;
    }
    try {
      const res = await rest<CompositeResult[]>(session, {
        method: 'POST',
        url: dataPath(session, 'composite/sobjects'),
        body: { allOrNone: false, records: batch.map(toTaskRecord) },
      });
      batch.forEach((input, i) => {
        results.set(input.callObject, recordOutcome(input, res[i]));
      });
    } catch (err) {
      const e = toSalesforceError(err, { secrets: session.secrets() });
      for (const input of batch) {
        results.set(input.callObject, {
          callObject: input.callObject,
          ok: false,
          error: { code: e.errorCode ?? e.kind, message: e.message, retryable: e.retryable },
        });
      }
    }
  }
  return inputs.map((i) => results.get(i.callObject)!);
}
