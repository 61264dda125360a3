import { toSalesforceError } from './map-error.ts';
import { queryAllRecords } from './query.ts';
import { dataPath, rest } from './rest.ts';
import type { Session } from './session.ts';
import { chunkForIn, inList } from './soql.ts';
import type { CallTaskInput, CallTaskResult } from './types.ts';

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

/**
 * Existing Tasks by CallObject, so a retry after an uncertain attempt never logs a call twice.
 * Deleted Tasks count too (queryAll): a call someone removed from Salesforce stays removed.
 */
async function existingTaskIds(session: Session, callObjects: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunkForIn(callObjects)) {
    const rows = await queryAllRecords<{ Id: string; CallObject: string; IsDeleted?: boolean }>(
      session,
      `SELECT Id, CallObject, IsDeleted FROM Task WHERE CallObject IN ${inList(chunk)}`,
      { includeDeleted: true },
    );
    // Prefer a live Task when both a live and a deleted one exist.
    rows.sort((a, b) => Number(a.IsDeleted === true) - Number(b.IsDeleted === true));
    for (const row of rows) if (!found.has(row.CallObject)) found.set(row.CallObject, row.Id);
  }
  return found;
}

/**
 * Creates one Task per distinct callObject that has none yet. Results come back in input order;
 * an input whose Task already existed gets `created: false`. A failure of a whole batch (network,
 * quota) is reported on each of its inputs rather than thrown, so earlier batches' ids are kept.
 */
export async function createCallTasks(
  session: Session,
  inputs: readonly CallTaskInput[],
): Promise<CallTaskResult[]> {
  const existing = await existingTaskIds(
    session,
    inputs.map((i) => i.callObject),
  );
  const results = new Map<string, CallTaskResult>();
  for (const [callObject, taskId] of existing)
    results.set(callObject, { callObject, ok: true, taskId, created: false });

  const pending = [
    ...new Map(inputs.filter((i) => !existing.has(i.callObject)).map((i) => [i.callObject, i])).values(),
  ];
  for (let start = 0; start < pending.length; start += COMPOSITE_MAX) {
    const batch = pending.slice(start, start + COMPOSITE_MAX);
    try {
      const res = await rest<CompositeResult[]>(session, {
        method: 'POST',
        url: dataPath(session, 'composite/sobjects'),
        body: { allOrNone: false, records: batch.map(toTaskRecord) },
      });
      batch.forEach((input, i) => {
        const r = res[i];
        const error = r?.errors?.[0];
        results.set(
          input.callObject,
          r?.success && r.id
            ? { callObject: input.callObject, ok: true, taskId: r.id, created: true }
            : {
                callObject: input.callObject,
                ok: false,
                error: {
                  code: error?.statusCode ?? 'UNKNOWN',
                  message: error?.message ?? 'No result returned',
                  retryable: false,
                },
              },
        );
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
