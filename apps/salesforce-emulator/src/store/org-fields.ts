import {
  DATA_OBJECTS,
  type DataObjectName,
  type FieldDef,
  type FieldType,
  type ObjectDef,
  QUERYABLE,
} from './schema.ts';
import type { Org, OrgFields } from './types.ts';

export type { OrgFields };

export const CUSTOM_FIELD_TYPES = [
  'string',
  'textarea',
  'picklist',
  'currency',
  'double',
  'int',
  'date',
  'datetime',
  'boolean',
  'email',
  'phone',
] as const satisfies readonly FieldType[];
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldSpec {
  name: string;
  label: string;
  type: CustomFieldType;
  length?: number;
  precision?: number;
  scale?: number;
  picklistValues?: string[];
  /** picklist only; custom picklists are restricted unless told otherwise (Setup's default). */
  restricted?: boolean;
}

const DEFAULT_LENGTH: Partial<Record<CustomFieldType, number>> = {
  string: 255,
  textarea: 255,
  picklist: 255,
  email: 80,
  phone: 40,
};

/** A custom field's definition as describe reports it: custom, nillable, read/write. */
export function customField(spec: CustomFieldSpec): FieldDef {
  const numeric = spec.type === 'currency' || spec.type === 'double';
  return {
    name: spec.name,
    type: spec.type,
    label: spec.label,
    length: spec.length ?? DEFAULT_LENGTH[spec.type] ?? 0,
    nillable: spec.type !== 'boolean',
    createable: true,
    updateable: true,
    custom: true,
    ...(numeric
      ? { precision: spec.precision ?? 18, scale: spec.scale ?? (spec.type === 'currency' ? 2 : 0) }
      : {}),
    ...(spec.type === 'picklist'
      ? { picklistValues: [...(spec.picklistValues ?? [])], restricted: spec.restricted ?? true }
      : {}),
  };
}

function build(base: ObjectDef, fields: FieldDef[]): ObjectDef {
  return { ...base, fields, byLowerName: new Map(fields.map((f) => [f.name.toLowerCase(), f])) };
}

interface Views {
  of: OrgFields | undefined;
  /** What the API user sees: standard + custom fields minus the hidden ones. */
  visible: Record<DataObjectName, ObjectDef>;
  /** Every field, hidden ones included: for seeding and the control API's writes. */
  all: Record<DataObjectName, ObjectDef>;
  hidden: Record<DataObjectName, ReadonlySet<string>>;
}

const cache = new WeakMap<Org, Views>();

function views(org: Org): Views {
  const cached = cache.get(org);
  if (cached && cached.of === org.fields) return cached;
  const visible = {} as Record<DataObjectName, ObjectDef>;
  const all = {} as Record<DataObjectName, ObjectDef>;
  const hiddenByObject = {} as Record<DataObjectName, ReadonlySet<string>>;
  for (const name of Object.keys(DATA_OBJECTS) as DataObjectName[]) {
    const base = DATA_OBJECTS[name];
    const custom = org.fields?.custom[name] ?? [];
    const hidden = new Set((org.fields?.hidden[name] ?? []).map((n) => n.toLowerCase()));
    all[name] = custom.length === 0 ? base : build(base, [...base.fields, ...custom]);
    const shown = all[name].fields.filter((f) => !hidden.has(f.name.toLowerCase()));
    visible[name] = hidden.size === 0 ? all[name] : build(base, shown);
    hiddenByObject[name] = new Set(
      all[name].fields.filter((f) => hidden.has(f.name.toLowerCase())).map((f) => f.name),
    );
  }
  const fresh = { of: org.fields, visible, all, hidden: hiddenByObject };
  cache.set(org, fresh);
  return fresh;
}

/** The org's data objects as its API user sees them (field-level security applied). */
export function visibleObject(org: Org, name: DataObjectName): ObjectDef {
  return views(org).visible[name];
}

/** The org's data objects with every field, hidden ones included. */
export function fullObject(org: Org, name: DataObjectName): ObjectDef {
  return views(org).all[name];
}

/** What SOQL may query in this org: the visible data objects plus Organization. */
export function queryableFor(org: Org): Record<string, ObjectDef> {
  return { ...QUERYABLE, ...views(org).visible };
}

/** Names of the fields hidden from the API user, for dropping them from change events. */
export function hiddenNames(org: Org, name: DataObjectName): ReadonlySet<string> {
  return views(org).hidden[name];
}
