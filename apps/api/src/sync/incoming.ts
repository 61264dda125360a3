import type { ObjectSync } from '@ch/db';
import type { SalesforceRecord } from '@ch/salesforce';
import { pickSynced, syncedFieldsOf } from './fields.ts';
import type { IncomingRecord } from './record-store.ts';

/** A queried row (REST page or Bulk page) as the record store takes it. */
export const toIncoming = (sync: ObjectSync, row: SalesforceRecord): IncomingRecord => ({
  id: String(row.Id),
  fields: pickSynced(syncedFieldsOf(sync), row),
  modstamp: new Date(String(row.SystemModstamp)),
  deleted: row.IsDeleted === true,
});
