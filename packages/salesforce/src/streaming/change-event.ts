import type { ChangeEvent, ChangeType } from '../types.ts';

/** The `data` of a CDC message as CometD delivers it. */
export interface RawChangeMessage {
  payload?: Record<string, unknown> & { ChangeEventHeader?: Record<string, unknown> };
  event?: { replayId?: number };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/**
 * The record field a component of a compound field is stored in. Change events nest compound
 * fields ("Name":{"FirstName"}, "MailingAddress":{"City"}, a Lead's "Address":{"City"}) and name
 * changed components `Name.FirstName`; records have FirstName, MailingCity, City.
 */
export function flatFieldName(compound: string, component: string): string {
  if (compound === 'Name') return component;
  if (compound.endsWith('Address')) return `${compound.slice(0, -'Address'.length)}${component}`;
  return `${compound}.${component}`;
}

const isNested = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The body's fields with every nested compound field spread into its flat component fields. */
export function flattenCompoundFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!isNested(value)) out[key] = value;
    else for (const [part, inner] of Object.entries(value)) out[flatFieldName(key, part)] = inner;
  }
  return out;
}

const flatChangedField = (name: string): string => {
  const dot = name.indexOf('.');
  return dot === -1 ? name : flatFieldName(name.slice(0, dot), name.slice(dot + 1));
};

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
    changedFields: strings(header.changedFields).map(flatChangedField),
    transactionKey: String(header.transactionKey ?? ''),
    sequenceNumber: Number(header.sequenceNumber ?? 0),
    commitTimestamp: Number(header.commitTimestamp ?? 0),
    fields: flattenCompoundFields(fields),
  };
}
