import type { SyncObject } from '@ch/db';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';

// Salesforce ids are [a-zA-Z0-9]{15,18}; anything else in a literal is a bug, not data.
const ID = /^[a-zA-Z0-9]{15,18}$/;
// Field API names (custom ones end in __c): checked here as well as against describe when chosen,
// so nothing but a name can reach a query.
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** The fields a query of a sync selects: its stored ones (sync/fields.ts) and what the engine reads. */
export type QueryFields = readonly { name: string }[];

const select = (object: SyncObject, fields: QueryFields, extra: readonly string[]) => {
  const names = [...new Set([...fields.map((f) => f.name), ...extra])];
  const bad = names.find((name) => !FIELD.test(name));
  if (bad !== undefined) throw new Error(`not a Salesforce field name: ${bad}`);
  return `SELECT ${names.join(', ')} FROM ${SALESFORCE_NAME[object]}`;
};

/** The full load, in Id order so that the last Id of a page is a checkpoint to resume after. */
export function fullLoadQuery(object: SyncObject, fields: QueryFields, afterId: string | null): string {
  return `${select(object, fields, ['SystemModstamp'])}${afterIdWhere(afterId)} ORDER BY Id`;
}

/** Changes since a moment, deletions included (run with queryAll). */
export function changesQuery(object: SyncObject, fields: QueryFields, since: Date): string {
  return `${select(object, fields, ['SystemModstamp', 'IsDeleted'])} WHERE SystemModstamp >= ${since.toISOString()} ORDER BY SystemModstamp, Id`;
}

/** Id, the version and newly chosen fields of live records, in Id order: a backfill's pages. */
export function backfillQuery(object: SyncObject, fields: QueryFields, afterId: string | null): string {
  return `${select(object, [{ name: 'Id' }, ...fields], ['SystemModstamp'])}${afterIdWhere(afterId)} ORDER BY Id`;
}

/** The newest SystemModstamp in the org (deleted rows too): where polling starts after a full load. */
export function highWaterQuery(object: SyncObject): string {
  return `SELECT SystemModstamp FROM ${SALESFORCE_NAME[object]} ORDER BY SystemModstamp DESC LIMIT 1`;
}

/**
 * The full load as one Bulk API 2.0 job: no ORDER BY, which Salesforce advises against there (it
 * turns off the job's automatic chunking); the results locator is the checkpoint instead of an Id.
 */
export function bulkLoadQuery(object: SyncObject, fields: QueryFields): string {
  return select(object, fields, ['SystemModstamp']);
}

function afterIdWhere(afterId: string | null): string {
  if (afterId !== null && !ID.test(afterId)) throw new Error(`not a Salesforce id: ${afterId}`);
  return afterId ? ` WHERE Id > '${afterId}'` : '';
}
