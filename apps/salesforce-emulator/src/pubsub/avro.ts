import avro from 'avsc';
import type { StoredEvent } from '../cdc/bus.ts';
import { eventSchema } from '../cdc/event-schema.ts';
import { schemaId } from '../cdc/events.ts';
import { CDC_ENTITIES, type DataObjectName } from '../store/schema.ts';
import { type BitmapField, fieldBitmap } from './bitmap.ts';

type Scalar = { name: string; long: boolean };
interface SchemaField extends BitmapField {
  long: boolean;
  nested?: Scalar[];
}

export interface TopicSchema {
  entity: DataObjectName;
  id: string;
  json: string;
  type: avro.Type;
  fields: SchemaField[];
}

type JsonField = { name: string; type: unknown };
const isLong = (t: unknown) => t === 'long' || (Array.isArray(t) && t.includes('long'));
const recordOf = (t: unknown) =>
  (Array.isArray(t) ? t : [t]).find(
    (x): x is { type: 'record'; fields: JsonField[] } =>
      typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'record',
  );

const cache = new Map<string, TopicSchema>();

/** The change event schema of an entity as GetSchema serves it, with what encoding needs of it. */
export function topicSchema(entity: DataObjectName): TopicSchema {
  const hit = cache.get(entity);
  if (hit) return hit;
  const json = eventSchema(entity);
  const fields = (json.fields as JsonField[]).map((f, i): SchemaField => {
    const record = i === 0 ? undefined : recordOf(f.type);
    const nested = record?.fields.map((c) => ({ name: c.name, long: isLong(c.type) }));
    return {
      name: f.name,
      long: isLong(f.type),
      ...(nested ? { nested, children: nested.map((c) => c.name) } : {}),
    };
  });
  const schema: TopicSchema = {
    entity,
    id: schemaId(entity),
    json: JSON.stringify(json),
    type: avro.Type.forSchema(json as avro.Schema),
    fields,
  };
  cache.set(entity, schema);
  return schema;
}

export function schemaById(id: string): TopicSchema | undefined {
  const entity = CDC_ENTITIES.find((e) => schemaId(e) === id);
  return entity ? topicSchema(entity) : undefined;
}

// Event bodies hold REST values (ISO datetimes); Avro longs carry epoch milliseconds instead.
function value(v: unknown, long: boolean): unknown {
  if (v === undefined || v === null) return null;
  return long && typeof v === 'string' ? Date.parse(v) : v;
}

type Body = Record<string, unknown>;

/** Every schema field, null unless the event carries it, as Pub/Sub events are shaped. */
function record(schema: TopicSchema, body: Body): Body {
  const out: Body = {};
  for (const f of schema.fields.slice(1)) {
    const v = body[f.name];
    if (!f.nested) out[f.name] = value(v, f.long);
    else if (v === undefined || v === null) out[f.name] = null;
    else out[f.name] = Object.fromEntries(f.nested.map((c) => [c.name, value((v as Body)[c.name], c.long)]));
  }
  return out;
}

function isNulled(body: Body, name: string): boolean {
  const [parent = '', child] = name.split('.');
  const v = body[parent];
  return child === undefined ? v === null : (v as Body | null | undefined)?.[child] === null;
}

const encoded = new WeakMap<StoredEvent, Buffer>();

/** The Avro payload of a stored change event, encoded once and shared by every subscriber. */
export function encodeEvent(e: StoredEvent): Buffer {
  const hit = encoded.get(e);
  if (hit) return hit;
  const schema = topicSchema(e.entity as DataObjectName);
  const { ChangeEventHeader: header, ...body } = e.payload;
  const changed = header.changedFields;
  const buffer = schema.type.toBuffer({
    ChangeEventHeader: {
      ...header,
      changedFields: fieldBitmap(schema.fields, changed),
      nulledFields: fieldBitmap(
        schema.fields,
        changed.filter((n) => isNulled(body, n)),
      ),
      diffFields: [],
    },
    ...record(schema, body),
  });
  encoded.set(e, buffer);
  return buffer;
}
