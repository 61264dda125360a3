import type { ObjectSync } from '@ch/db';
import type { SalesforceRecord } from '@ch/salesforce';
import { pickSynced, type SyncedField, syncedFieldsOf } from './fields.ts';
import type { IncomingRecord } from './record-store.ts';

// A page maps thousands of rows with one sync row: its field list is worked out once, not per row
// (a Bulk page is 50,000 rows). Keyed by the row object, so a sync read again is worked out again.
const fieldsBySync = new WeakMap<ObjectSync, SyncedField[]>();

function fieldsOf(sync: ObjectSync): SyncedField[] {
  let fields = fieldsBySync.get(sync);
  if (!fields) {
    fields = syncedFieldsOf(sync);
    fieldsBySync.set(sync, fields);
  }
  return fields;
}

/** A queried row (REST page or Bulk page) as the record store takes it. */
export const toIncoming = (sync: ObjectSync, row: SalesforceRecord): IncomingRecord => ({
  id: String(row.Id),
  fields: pickSynced(fieldsOf(sync), row),
  modstamp: new Date(String(row.SystemModstamp)),
  deleted: row.IsDeleted === true,
});
