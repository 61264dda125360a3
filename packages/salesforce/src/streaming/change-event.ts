import type { ChangeEvent, ChangeType } from '../types.ts';

/** The `data` of a CDC message as CometD delivers it. */
export interface RawChangeMessage {
  payload?: Record<string, unknown> & { ChangeEventHeader?: Record<string, unknown> };
  event?: { replayId?: number };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** Returns undefined for anything that is not a change event (so one odd message cannot break the stream). */
export function parseChangeEvent(data: RawChangeMessage): ChangeEvent | undefined {
  const replayId = data.event?.replayId;
  const { ChangeEventHeader: header, ...fields } = data.payload ?? {};
  if (typeof replayId !== 'number' || !header) return undefined;
  return {
    replayId,
    entityName: String(header.entityName ?? ''),
    changeType: String(header.changeType ?? '') as ChangeType,
    recordIds: strings(header.recordIds),
    changedFields: strings(header.changedFields),
    transactionKey: String(header.transactionKey ?? ''),
    sequenceNumber: Number(header.sequenceNumber ?? 0),
    commitTimestamp: Number(header.commitTimestamp ?? 0),
    fields,
  };
}
