import avro from 'avsc';
import { parseChangeEvent } from '../streaming/change-event.ts';
import type { ChangeEvent } from '../types.ts';
import { bitmapFieldNames, nestedRecord, type RecordShape } from './bitmap.ts';

/** A topic schema from GetSchema, parsed once and kept by its id (schemas change rarely). */
export interface EventSchema {
  type: avro.Type;
  shape: RecordShape;
  /** Compound fields (Name, MailingAddress): their own bit is named through their components. */
  compound: Set<string>;
}

export function parseSchema(schemaJson: string): EventSchema {
  const type = avro.Type.forSchema(JSON.parse(schemaJson) as avro.Schema);
  const shape = type as unknown as RecordShape;
  const compound = new Set(shape.fields.filter((f) => nestedRecord(f.type)).map((f) => f.name));
  return { type, shape, compound };
}

/** Salesforce's replay ids are opaque bytes; up to 8 of them read as the number CometD shows. */
export function replayNumber(replayId: Uint8Array): number {
  if (replayId.length === 0 || replayId.length > 8) return 0;
  let value = 0n;
  for (const byte of replayId) value = (value << 8n) | BigInt(byte);
  return Number(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Every non-null value, nested compound records too: what CometD sends for a CREATE or UNDELETE. */
function nonNull(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    if (isRecord(value)) {
      const inner = nonNull(value);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else out[key] = value;
  }
  return out;
}

/**
 * Only the named fields (changed or nulled), with their values: the Pub/Sub API sends every field
 * of the schema and leaves unchanged ones null, where CometD sends only the changed ones.
 */
function named(record: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const dot = name.indexOf('.');
    if (dot === -1) {
      // A compound field's own bit: its changed components are named separately.
      if (!isRecord(record[name])) out[name] = record[name] ?? null;
      continue;
    }
    const parent = name.slice(0, dot);
    const nested = (record[parent] ?? {}) as Record<string, unknown>;
    const into = (out[parent] ?? {}) as Record<string, unknown>;
    out[parent] = into;
    into[name.slice(dot + 1)] = nested[name.slice(dot + 1)] ?? null;
  }
  return out;
}

const PARTIAL = new Set(['UPDATE']);

/**
 * One Pub/Sub event as the CometD path sees it: header with changed field names decoded from
 * their bitmaps, and a body shaped as CometD sends it, so everything after delivery is shared.
 * `replay` keeps the opaque replay id for storing as is.
 */
export function decodeEvent(
  schema: EventSchema,
  payload: Uint8Array,
  replay: Uint8Array,
): ChangeEvent | undefined {
  // A view, not a copy: the decoded values are fresh strings and numbers, none refers back to it.
  const bytes = Buffer.isBuffer(payload)
    ? payload
    : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const decoded = schema.type.fromBuffer(bytes) as Record<string, unknown>;
  const { ChangeEventHeader: rawHeader, ...fields } = decoded;
  if (!isRecord(rawHeader)) return undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  // As CometD names them: a compound field's components, never the compound field itself.
  const changed = bitmapFieldNames(schema.shape, strings(rawHeader.changedFields)).filter(
    (name) => !schema.compound.has(name),
  );
  const nulled = bitmapFieldNames(schema.shape, strings(rawHeader.nulledFields));
  const changeType = String(rawHeader.changeType ?? '');
  const body = PARTIAL.has(changeType)
    ? named(fields, [...new Set([...changed, ...nulled])])
    : nonNull(fields);
  const event = parseChangeEvent({
    event: { replayId: replayNumber(replay) },
    payload: { ChangeEventHeader: { ...rawHeader, changedFields: changed }, ...body },
  });
  return event && { ...event, replay: Uint8Array.from(replay) };
}
