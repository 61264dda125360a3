import type { SyncObject } from '@ch/db';

/** The fields kept of each synced object, defined once: queries, CDC merges and the API read these. */
export const SYNCED_FIELDS: Record<SyncObject, readonly string[]> = {
  CONTACT: [
    'Id',
    'FirstName',
    'LastName',
    'Name',
    'Email',
    'Phone',
    'MobilePhone',
    'Title',
    'AccountId',
    'OwnerId',
    'MailingCity',
    'MailingCountry',
    'DoNotCall',
    'HasOptedOutOfEmail',
  ],
  LEAD: [
    'Id',
    'FirstName',
    'LastName',
    'Name',
    'Email',
    'Phone',
    'MobilePhone',
    'Title',
    'OwnerId',
    'City',
    'Country',
    'DoNotCall',
    'HasOptedOutOfEmail',
    'Company',
    'Status',
    'IsConverted',
  ],
};

/** Only the synced fields of a Salesforce record or change event (never `attributes`, never extras). */
export function pickSynced(object: SyncObject, source: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of SYNCED_FIELDS[object]) if (field in source) picked[field] = source[field];
  return picked;
}
