import { createHash } from 'node:crypto';
import type { CallActivity } from '@ch/db';
import type { CallTaskInput } from '@ch/salesforce';
import { SALESFORCE_CALL_TYPE } from '../../wire-names/directions.ts';

/** Task.CallObject's length. */
const KEY_MAX = 255;
// Salesforce accepts dates from 1700-01-01 to 4000-12-31 only.
const FIRST_YEAR = 1700;
const LAST_YEAR = 4000;
const WHO_ID = /^(003|00Q)[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/**
 * The Task's idempotency key (Task.CallObject): the organization's id, then the call id. Call
 * ids are unique per organization only, and two organizations may share one Salesforce org
 * (docs/decisions/010). A call id too long to fit is replaced by its SHA-256, after `#` (a
 * character call ids cannot contain, so the two shapes never meet).
 */
export function taskKey(organizationId: string, callId: string): string {
  const prefix = organizationId.replaceAll('-', '');
  const plain = `${prefix}:${callId}`;
  return plain.length <= KEY_MAX ? plain : `${prefix}#${createHash('sha256').update(callId).digest('hex')}`;
}

export type BuiltTask = { ok: true; input: CallTaskInput } | { ok: false; reason: string };

// Values stored before today's validation (or written by hand) that no Task can carry.
function unbuildable(row: CallActivity): string | undefined {
  const time = row.startedAt.getTime();
  if (Number.isNaN(time)) return 'its start time is not a date Salesforce can store';
  const year = row.startedAt.getUTCFullYear();
  if (year < FIRST_YEAR || year > LAST_YEAR)
    return `its start ${row.startedAt.toISOString()} is outside the dates Salesforce accepts (1700 to 4000)`;
  if (!WHO_ID.test(row.recordId))
    return `its record id ${row.recordId.slice(0, 40)} is not a Contact or Lead id`;
  if (!Number.isInteger(row.durationSeconds) || row.durationSeconds < 0) return 'its duration is negative';
  if (row.disposition.trim() === '' || row.disposition.length > 255)
    return 'its disposition is empty or over 255 characters';
  if ((row.notes?.length ?? 0) > 32_000) return 'its notes are over 32,000 characters';
  return undefined;
}

/**
 * The Task logging one call, or why this call cannot become one (it then fails alone). The key
 * is looked up before creating, which is what makes a repeated attempt find the Task instead of
 * logging the call twice. ActivityDate is the call's UTC date (the payload's offset is not kept).
 */
export function buildTask(row: CallActivity): BuiltTask {
  const reason = unbuildable(row);
  if (reason) return { ok: false, reason: `Cannot become a Salesforce Task: ${reason}.` };
  return {
    ok: true,
    input: {
      callObject: taskKey(row.organizationId, row.callId),
      ...(row.legacyTaskKey ? { legacyCallObject: row.callId } : {}),
      whoId: row.recordId,
      subject: 'Call',
      callType: SALESFORCE_CALL_TYPE[row.direction],
      callDurationInSeconds: row.durationSeconds,
      callDisposition: row.disposition,
      activityDate: row.startedAt.toISOString().slice(0, 10),
      status: 'Completed',
      ...(row.notes ? { description: row.notes } : {}),
    },
  };
}
