import type { FieldDef, FieldType, ObjectDef } from '../store/schema.ts';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  picklist: 'xsd:string',
  textarea: 'xsd:string',
  boolean: 'xsd:boolean',
  datetime: 'xsd:dateTime',
  date: 'xsd:date',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
};

const TEXT: ReadonlySet<FieldType> = new Set([
  'string',
  'email',
  'phone',
  'picklist',
  'textarea',
  'id',
  'reference',
]);

/**
 * One entry of describe's `fields`, with the properties Salesforce's DescribeFieldResult gives
 * that a client reads to map a field: name, label, type and soapType, length/byteLength (text),
 * precision/scale (currency, double), digits (int), picklistValues, custom, and access flags.
 */
export function describeField(f: FieldDef): Record<string, unknown> {
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: SOAP_TYPES[f.type],
    length: f.length,
    // UTF-8 needs up to three bytes per character in the fields Salesforce stores.
    byteLength: TEXT.has(f.type) ? f.length * 3 : 0,
    precision: f.precision ?? 0,
    scale: f.scale ?? 0,
    digits: f.type === 'int' ? 18 : 0,
    custom: f.custom === true,
    nillable: f.nillable,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: !f.nillable,
    defaultValue: f.type === 'boolean' ? false : null,
    filterable: f.type !== 'textarea',
    sortable: f.type !== 'textarea',
    groupable: f.type !== 'textarea' && f.type !== 'double' && f.type !== 'currency',
    calculated: false,
    unique: false,
    externalId: false,
    idLookup: f.type === 'id',
    referenceTo: [],
    relationshipName: null,
    restrictedPicklist: f.restricted === true,
    picklistValues: (f.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
  };
}

export function describeObject(def: ObjectDef): Record<string, unknown> {
  return {
    name: def.name,
    label: def.label,
    labelPlural: `${def.label}s`,
    keyPrefix: def.keyPrefix,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    retrieveable: true,
    undeletable: true,
    custom: false,
    fields: def.fields.map(describeField),
  };
}
