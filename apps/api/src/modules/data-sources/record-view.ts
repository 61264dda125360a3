import type { SourceRecord } from '@ch/contracts';
import type { SyncObject } from '@ch/db';
import { fromDbObject } from '../../wire-names/objects.ts';
import type { RecordRow } from './record-queries.ts';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A local record as campaigns see it: the dialling essentials up front, every synced field beside. */
export function toSourceRecord(object: SyncObject, row: RecordRow): SourceRecord {
  const { fields } = row;
  return {
    id: row.id,
    object: fromDbObject(object),
    name: text(fields.Name),
    firstName: text(fields.FirstName),
    lastName: text(fields.LastName),
    email: text(fields.Email),
    phone: text(fields.Phone),
    mobilePhone: text(fields.MobilePhone),
    fields,
    systemModstamp: row.systemModstamp.toISOString(),
  };
}
