import type { ObjectSync, SyncObject } from '@ch/db';
import { SYNCED_FIELDS } from '../../sync/fields.ts';

/**
 * One field a sync keeps, as describe named and typed it. The same shape as `SyncedField` of
 * sync/fields.ts once syncs keep chosen fields (issue 14), so the seam below is one line.
 */
export interface SyncedField {
  name: string;
  label: string;
  /** Salesforce's describe type: string, picklist, double, currency, date, datetime, boolean, ... */
  type: string;
  custom: boolean;
}

// Labels and describe types of the fixed field list every sync keeps today.
const STANDARD: Record<string, [label: string, type: string]> = {
  Id: ['Record ID', 'id'],
  FirstName: ['First Name', 'string'],
  LastName: ['Last Name', 'string'],
  Name: ['Full Name', 'string'],
  Email: ['Email', 'email'],
  Phone: ['Business Phone', 'phone'],
  MobilePhone: ['Mobile Phone', 'phone'],
  Title: ['Title', 'string'],
  AccountId: ['Account ID', 'reference'],
  OwnerId: ['Owner ID', 'reference'],
  MailingCity: ['Mailing City', 'string'],
  MailingCountry: ['Mailing Country', 'string'],
  City: ['City', 'string'],
  Country: ['Country', 'string'],
  DoNotCall: ['Do Not Call', 'boolean'],
  HasOptedOutOfEmail: ['Email Opt Out', 'boolean'],
  Company: ['Company', 'string'],
  Status: ['Lead Status', 'picklist'],
  IsConverted: ['Converted', 'boolean'],
};

const fixed = (object: SyncObject): SyncedField[] =>
  SYNCED_FIELDS[object].map((name) => {
    const [label, type] = STANDARD[name] ?? [name, 'string'];
    return { name, label, type, custom: false };
  });

/**
 * The fields a sync keeps: what its records carry under `fields` and what data-source conditions
 * may test. SEAM (issue 14): when sync/fields.ts exports `syncedFieldsOf(sync)` (the per-sync
 * chosen fields with describe's label and type), this body becomes `return syncedFieldsOf(sync)`.
 */
export function fieldsOfSync(sync: Pick<ObjectSync, 'object'>): SyncedField[] {
  return fixed(sync.object);
}
