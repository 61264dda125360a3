import type { CallActivity } from '@ch/db';
import type { CallTaskInput } from '@ch/salesforce';

const CALL_TYPE = { INBOUND: 'Inbound', OUTBOUND: 'Outbound', INTERNAL: 'Internal' } as const;

/**
 * The Task logging one call. CallObject carries the call id: createTasks looks it up before
 * creating, which is what makes a repeated attempt find the Task instead of logging the call twice.
 * ActivityDate is the call's UTC date (the payload's offset is not kept).
 */
export function toTaskInput(row: CallActivity): CallTaskInput {
  return {
    callObject: row.callId,
    whoId: row.recordId,
    subject: 'Call',
    callType: CALL_TYPE[row.direction],
    callDurationInSeconds: row.durationSeconds,
    callDisposition: row.disposition,
    activityDate: row.startedAt.toISOString().slice(0, 10),
    status: 'Completed',
    ...(row.notes ? { description: row.notes } : {}),
  };
}
