// Field metadata for the emulated objects: drives describe, SOQL validation and CDC payloads.
export type FieldType =
  | 'id'
  | 'string'
  | 'email'
  | 'phone'
  | 'reference'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'picklist'
  | 'textarea'
  | 'int'
  | 'double'
  | 'currency';

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Custom fields (`__c`) only: Salesforce's describe marks them `custom: true`. */
  custom?: boolean;
  /** currency and double: total digits and digits after the point. */
  precision?: number;
  scale?: number;
  /** picklist: its values, in order; `restricted` rejects any other value on save. */
  picklistValues?: string[];
  restricted?: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  keyPrefix: string;
  fields: FieldDef[];
  byLowerName: Map<string, FieldDef>;
  required: string[];
}

const LENGTHS: Partial<Record<FieldType, number>> = { id: 18, reference: 18, email: 80, phone: 40 };

type Spec = [
  name: string,
  type: FieldType,
  opts?: { label?: string; length?: number; system?: boolean; createOnly?: boolean; required?: boolean },
];

function field([name, type, opts = {}]: Spec): FieldDef {
  const system = opts.system === true;
  return {
    name,
    type,
    label: opts.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    length: opts.length ?? LENGTHS[type] ?? (type === 'string' || type === 'picklist' ? 255 : 0),
    nillable: !system && opts.required !== true && type !== 'boolean',
    createable: !system,
    updateable: !system && opts.createOnly !== true,
  };
}

function define(name: string, label: string, keyPrefix: string, specs: Spec[]): ObjectDef {
  const fields = specs.map(field);
  return {
    name,
    label,
    keyPrefix,
    fields,
    byLowerName: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
    required: specs.filter(([, , o]) => o?.required).map(([n]) => n),
  };
}

const SYSTEM_TAIL: Spec[] = [
  ['CreatedDate', 'datetime', { system: true, label: 'Created Date' }],
  ['LastModifiedDate', 'datetime', { system: true, label: 'Last Modified Date' }],
  ['SystemModstamp', 'datetime', { system: true, label: 'System Modstamp' }],
  ['IsDeleted', 'boolean', { system: true, label: 'Deleted' }],
];

const PERSON: Spec[] = [
  ['Id', 'id', { system: true, label: 'Contact ID' }],
  ['FirstName', 'string', { length: 40 }],
  ['LastName', 'string', { length: 80, required: true }],
  ['Name', 'string', { system: true, label: 'Full Name', length: 121 }],
  ['Email', 'email'],
  ['Phone', 'phone', { label: 'Business Phone' }],
  ['MobilePhone', 'phone', { label: 'Mobile Phone' }],
  ['Title', 'string', { length: 128 }],
];

export const CONTACT = define('Contact', 'Contact', '003', [
  ...PERSON,
  ['AccountId', 'reference', { label: 'Account ID' }],
  ['OwnerId', 'reference', { label: 'Owner ID' }],
  ['MailingStreet', 'textarea', { length: 255 }],
  ['MailingCity', 'string', { length: 40 }],
  ['MailingState', 'string', { length: 80 }],
  ['MailingPostalCode', 'string', { length: 20 }],
  ['MailingCountry', 'string', { length: 80 }],
  ['DoNotCall', 'boolean', { label: 'Do Not Call' }],
  ['HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }],
  ...SYSTEM_TAIL,
]);

export const LEAD = define('Lead', 'Lead', '00Q', [
  ['Id', 'id', { system: true, label: 'Lead ID' }],
  ...PERSON.slice(1),
  ['Company', 'string', { required: true }],
  ['Status', 'picklist', { label: 'Lead Status', length: 40 }],
  ['IsConverted', 'boolean', { system: true, label: 'Converted' }],
  ['OwnerId', 'reference', { label: 'Owner ID' }],
  ['Street', 'textarea', { length: 255 }],
  ['City', 'string', { length: 40 }],
  ['State', 'string', { length: 80 }],
  ['PostalCode', 'string', { length: 20 }],
  ['Country', 'string', { length: 80 }],
  ['DoNotCall', 'boolean', { label: 'Do Not Call' }],
  ['HasOptedOutOfEmail', 'boolean', { label: 'Email Opt Out' }],
  ...SYSTEM_TAIL,
]);

export const TASK = define('Task', 'Task', '00T', [
  ['Id', 'id', { system: true, label: 'Activity ID' }],
  ['Subject', 'string'],
  ['WhoId', 'reference', { label: 'Name ID' }],
  ['TaskSubtype', 'picklist', { createOnly: true, label: 'Task Subtype' }],
  ['CallType', 'picklist', { length: 40 }],
  ['CallDurationInSeconds', 'int', { label: 'Call Duration' }],
  ['CallDisposition', 'string', { label: 'Call Result' }],
  ['CallObject', 'string', { label: 'Call Object Identifier' }],
  ['ActivityDate', 'date', { label: 'Due Date Only' }],
  ['Status', 'picklist', { length: 40 }],
  ['Description', 'textarea', { length: 32000 }],
  ['OwnerId', 'reference', { label: 'Assigned To ID' }],
  ...SYSTEM_TAIL,
]);

export const ORGANIZATION = define('Organization', 'Organization', '00D', [
  ['Id', 'id', { system: true, label: 'Organization ID' }],
  ['Name', 'string', { system: true }],
  ['OrganizationType', 'picklist', { system: true, label: 'Edition' }],
  ['IsSandbox', 'boolean', { system: true }],
  ['InstanceName', 'string', { system: true }],
  ['LanguageLocaleKey', 'picklist', { system: true }],
  ['TimeZoneSidKey', 'picklist', { system: true }],
]);

export const PLATFORM_EVENT_CHANNEL_MEMBER = define(
  'PlatformEventChannelMember',
  'Platform Event Channel Member',
  '0v8',
  [
    ['Id', 'id', { system: true }],
    ['DeveloperName', 'string', { system: true }],
    ['EventChannel', 'string', { system: true }],
    ['SelectedEntity', 'string', { system: true }],
  ],
);

export type DataObjectName = 'Contact' | 'Lead' | 'Task';
export const DATA_OBJECTS: Record<DataObjectName, ObjectDef> = { Contact: CONTACT, Lead: LEAD, Task: TASK };
export const QUERYABLE: Record<string, ObjectDef> = { ...DATA_OBJECTS, Organization: ORGANIZATION };
export const TOOLING_QUERYABLE: Record<string, ObjectDef> = {
  PlatformEventChannelMember: PLATFORM_EVENT_CHANNEL_MEMBER,
};

export function dataObject(name: string): ObjectDef | undefined {
  const key = Object.keys(DATA_OBJECTS).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? DATA_OBJECTS[key as DataObjectName] : undefined;
}

/** CDC-capable objects: Task is not selectable for CDC in this emulator (as in many orgs). */
export const CDC_ENTITIES = ['Contact', 'Lead'] as const;
