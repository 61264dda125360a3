import type { CallActivityView, CreateCallActivityRequest } from '@ch/contracts';
import type { CallActivity } from '@ch/db';
import { fromDbDirection, toDbDirection } from '../../wire-names/directions.ts';

// SENDING is an internal step (a worker holds the row): to the caller the Task is still pending.
const STATE = { PENDING: 'pending', SENDING: 'pending', SENT: 'sent', FAILED: 'failed' } as const;

/**
 * An instant as ISO 8601, or null where the stored value has none: PostgreSQL keeps dates (year
 * 10000, infinity) that JavaScript reads as Invalid Date, and a read must never fail on them.
 */
function instant(date: Date): string | null {
  const year = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || year < 0 || year > 9999 ? null : date.toISOString();
}

export function toCallActivityView(row: CallActivity): CallActivityView {
  return {
    callId: row.callId,
    recordId: row.recordId,
    direction: fromDbDirection(row.direction),
    startedAt: instant(row.startedAt),
    durationSeconds: row.durationSeconds,
    disposition: row.disposition,
    notes: row.notes,
    state: STATE[row.status],
    taskId: row.taskId,
    error: row.status === 'FAILED' ? row.lastError : null,
    attempts: row.attempts,
    createdAt: instant(row.createdAt),
    sentAt: row.sentAt ? instant(row.sentAt) : null,
  };
}

/** Whether a repeated POST describes the same call (idempotent retry) or a different one (conflict). */
export function samePayload(row: CallActivity, body: CreateCallActivityRequest): boolean {
  return (
    row.recordId === body.recordId &&
    row.direction === toDbDirection(body.direction) &&
    row.startedAt.getTime() === new Date(body.startedAt).getTime() &&
    row.durationSeconds === body.durationSeconds &&
    row.disposition === body.disposition &&
    (row.notes ?? undefined) === body.notes
  );
}
