import { createHash } from 'node:crypto';
import avro from 'avsc';
import type { StoredEvent } from '../cdc/bus.ts';
import { eventSchema } from '../cdc/event-schema.ts';
import { schemaId } from '../cdc/events.ts';
import { visibleObject } from '../store/org-fields.ts';
import { CDC_ENTITIES, DATA_OBJECTS, type DataObjectName, type ObjectDef } from '../store/schema.ts';
import type { Org } from '../store/types.ts';
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

// By the object definition the schema was built from: an org's definitions are replaced, never
// mutated, when its fields change (store/org-fields.ts), so identity is the schema's version.
const byDefinition = new WeakMap<ObjectDef, TopicSchema>();
const byId = new Map<string, TopicSchema>();

/**
 * The change event schema of an entity in an org as GetSchema serves it, with what encoding needs
 * of it. Standard fields only: the entity's fixed id, the one CometD events and REST name. An org
 * whose custom fields the API user can read has a schema of its own, whose id follows from its
 * text, as Salesforce's ids change with the schema.
 */
export function topicSchema(entity: DataObjectName, org?: Org): TopicSchema {
  const def = org ? visibleObject(org, entity) : DATA_OBJECTS[entity];
  const hit = byDefinition.get(def);
  if (hit) return hit;
  const json = eventSchema(entity, org);
  const text = JSON.stringify(json);
  const standard = def === DATA_OBJECTS[entity] || text === topicSchema(entity).json;
  const id = standard ? schemaId(entity) : createHash('sha256').update(text).digest('base64url').slice(0, 22);
  const known = byId.get(id);
  if (known) {
    byDefinition.set(def, known);
    return known;
  }
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
    id,
    json: text,
    type: avro.Type.forSchema(json as avro.Schema),
    fields,
  };
  byDefinition.set(def, schema);
  byId.set(id, schema);
  return schema;
}

/** A schema served before (GetSchema takes only its id), or an entity's standard one. */
export function schemaById(id: string): TopicSchema | undefined {
  const known = byId.get(id);
  if (known) return known;
  const entity = CDC_ENTITIES.find((e) => schemaId(e) === id);
  return entity ? topicSchema(entity) : undefined;
}

// Event bodies hold REST values (ISO datetimes); Avro longs carry epoch milliseconds instead.
function value(v: unknown, long: boolean): unknown {
  if (v === undefined || v === null) return null;
  // Avro strings are UTF-8: a lone surrogate goes over the wire as U+FFFD, as any UTF-8 encoder
  // writes it (avsc's own would write the surrogate's three bytes, which no decoder accepts).
  if (typeof v === 'string' && !long) return Buffer.from(v, 'utf8').toString('utf8');
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

/** The Avro payload of a stored change event in `schema` (the caller shares it between subscribers). */
export function encodeEvent(e: StoredEvent, schema: TopicSchema): Buffer {
  const { ChangeEventHeader: header, ...body } = e.payload;
  const changed = header.changedFields;
  return schema.type.toBuffer({
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
}
