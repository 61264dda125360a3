import type { CommitClock } from '../core/clock.ts';
import type { DataObjectName, FieldDef } from './schema.ts';

/** Records are replaced, never mutated, so query locators can hold a consistent snapshot. */
export type SfRecord = Readonly<Record<string, unknown>> & { readonly Id: string };

export interface ObjectTable {
  /** Map keeps insertion (= creation) order, which is also Id order. */
  rows: Map<string, SfRecord>;
  /** Recycle bin: id -> emulator time of deletion. */
  deletedAt: Map<string, number>;
}

export interface User {
  id: string;
  orgId: string;
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  timezone: string;
}

export interface Org {
  id: string;
  alias: string;
  name: string;
  edition: string;
  instanceName: string;
  cdcEntities: string[];
  users: User[];
  tables: Record<DataObjectName, ObjectTable>;
  commitClock: CommitClock;
  api: { used: number; max: number; day: number };
  /** Test override of the default query batch size (Salesforce's is 2,000). */
  batchSize: number | undefined;
  /** Custom fields and field-level security; absent: the standard fields only, all readable. */
  fields?: OrgFields;
}

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

export interface Change {
  entity: DataObjectName;
  changeType: ChangeType;
  recordId: string;
  /** CREATE and UNDELETE: all non-null fields; UPDATE: changed fields; DELETE: none. */
  fields: Record<string, unknown>;
}

export interface Transaction {
  org: Org;
  userId: string;
  origin: string;
  commitTimestamp: number;
  changes: Change[];
}

export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type SaveResult =
  | { id: string; success: true; errors: [] }
  | { id?: string; success: false; errors: SaveError[] };

export function emptyTable(): ObjectTable {
  return { rows: new Map(), deletedAt: new Map() };
}

/**
 * An org's own metadata on top of the standard objects: its custom fields, and the fields
 * field-level security hides from the API user (they exist and keep their values, but describe,
 * SOQL, REST and change events act as if they did not, as for a profile without read access).
 * Replaced, never mutated, so the derived object definitions can be cached by identity.
 */
export interface OrgFields {
  custom: Partial<Record<DataObjectName, FieldDef[]>>;
  hidden: Partial<Record<DataObjectName, string[]>>;
}
