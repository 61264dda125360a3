import type { ObjectSync, SyncObject } from '@ch/db';
import { typedValue } from './field-types.ts';

/** One field a sync keeps, as describe named and typed it when the admin chose it. */
export interface SyncedField {
  name: string;
  label: string;
  /** Salesforce's describe type: string, picklist, double, currency, date, datetime, boolean, ... */
  type: string;
  custom: boolean;
  /** Part of the core every sync keeps (never removable). */
  required: boolean;
}

type Known = [name: string, label: string, type: string];

// The core the product always needs: who to call and whether it may. SystemModstamp is required
// too, but it is the version (a column of the local copy), not one of the stored fields.
const CORE: Record<SyncObject, Known[]> = {
  CONTACT: [
    ['Id', 'Contact ID', 'id'],
    ['FirstName', 'First Name', 'string'],
    ['LastName', 'Last Name', 'string'],
    ['Name', 'Full Name', 'string'],
    ['Email', 'Email', 'email'],
    ['Phone', 'Business Phone', 'phone'],
    ['MobilePhone', 'Mobile Phone', 'phone'],
    ['DoNotCall', 'Do Not Call', 'boolean'],
  ],
  LEAD: [
    ['Id', 'Lead ID', 'id'],
    ['FirstName', 'First Name', 'string'],
    ['LastName', 'Last Name', 'string'],
    ['Name', 'Full Name', 'string'],
    ['Email', 'Email', 'email'],
    ['Phone', 'Business Phone', 'phone'],
    ['MobilePhone', 'Mobile Phone', 'phone'],
    ['DoNotCall', 'Do Not Call', 'boolean'],
  ],
};

// What a sync kept before fields could be chosen, beyond the core: still the choice of a sync
// whose admin has not chosen (so existing copies and data-source filters keep their fields).
const DEFAULT_EXTRAS: Record<SyncObject, Known[]> = {
  CONTACT: [
    ['Title', 'Title', 'string'],
    ['AccountId', 'Account ID', 'reference'],
    ['OwnerId', 'Owner ID', 'reference'],
    ['MailingCity', 'Mailing City', 'string'],
    ['MailingCountry', 'Mailing Country', 'string'],
    ['HasOptedOutOfEmail', 'Email Opt Out', 'boolean'],
  ],
  LEAD: [
    ['Title', 'Title', 'string'],
    ['OwnerId', 'Owner ID', 'reference'],
    ['City', 'City', 'string'],
    ['Country', 'Country', 'string'],
    ['HasOptedOutOfEmail', 'Email Opt Out', 'boolean'],
    ['Company', 'Company', 'string'],
    ['Status', 'Lead Status', 'picklist'],
    ['IsConverted', 'Converted', 'boolean'],
  ],
};

/** Fields every sync reads besides its stored ones; shown as required, never chosen. */
export const VERSION_FIELDS = ['SystemModstamp', 'IsDeleted'] as const;

/** Most extra fields an admin may choose per object. */
export const MAX_CHOSEN_FIELDS = 100;

const known = (required: boolean) => (entry: Known) => ({
  name: entry[0],
  label: entry[1],
  type: entry[2],
  custom: false,
  required,
});

/** The core of an object: kept by every sync, whatever the admin chooses. */
export const requiredFieldsOf = (object: SyncObject): SyncedField[] => CORE[object].map(known(true));

export const isRequiredField = (object: SyncObject, name: string) =>
  name === 'SystemModstamp' || CORE[object].some(([core]) => core === name);

/** A chosen extra field as stored on the sync (ObjectSync.fields). */
export type ChosenField = Omit<SyncedField, 'required'>;

/** The extras a sync keeps: the admin's choice, or the default set while none was made. */
export function chosenFieldsOf(sync: Pick<ObjectSync, 'object' | 'fields'>): ChosenField[] {
  if (!Array.isArray(sync.fields)) return DEFAULT_EXTRAS[sync.object].map(known(false));
  return (sync.fields as unknown as ChosenField[]).map(({ name, label, type, custom }) => ({
    name,
    label,
    type,
    custom,
  }));
}

/**
 * THE list of a sync's stored fields, core first: what its queries select, its CDC merges keep,
 * its local copy holds under `fields`, and what the campaign API may serve and filter on.
 * SystemModstamp is not in it: it is the record's version, served apart.
 */
export function syncedFieldsOf(sync: Pick<ObjectSync, 'object' | 'fields'>): SyncedField[] {
  return [...requiredFieldsOf(sync.object), ...chosenFieldsOf(sync).map((f) => ({ ...f, required: false }))];
}

/**
 * Only the synced fields of a Salesforce record or change event (never `attributes`, never
 * extras), each typed as describe says (field-types.ts).
 */
export function pickSynced(
  fields: readonly Pick<SyncedField, 'name' | 'type'>[],
  source: Record<string, unknown>,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const { name, type } of fields) if (name in source) picked[name] = typedValue(type, source[name]);
  return picked;
}
