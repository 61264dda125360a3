import type { SyncObject } from '@ch/db';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { SYNCED_FIELDS } from './fields.ts';

// Salesforce ids are [a-zA-Z0-9]{15,18}; anything else in a literal is a bug, not data.
const ID = /^[a-zA-Z0-9]{15,18}$/;

const select = (object: SyncObject, extra: string[]) =>
  `SELECT ${[...SYNCED_FIELDS[object], ...extra].join(', ')} FROM ${SALESFORCE_NAME[object]}`;

/** The full load, in Id order so that the last Id of a page is a checkpoint to resume after. */
export function fullLoadQuery(object: SyncObject, afterId: string | null): string {
  if (afterId !== null && !ID.test(afterId)) throw new Error(`not a Salesforce id: ${afterId}`);
  const where = afterId ? ` WHERE Id > '${afterId}'` : '';
  return `${select(object, ['SystemModstamp'])}${where} ORDER BY Id`;
}

/** Changes since a moment, deletions included (run with queryAll). */
export function changesQuery(object: SyncObject, since: Date): string {
  return `${select(object, ['SystemModstamp', 'IsDeleted'])} WHERE SystemModstamp >= ${since.toISOString()} ORDER BY SystemModstamp, Id`;
}

/** The newest SystemModstamp in the org (deleted rows too): where polling starts after a full load. */
export function highWaterQuery(object: SyncObject): string {
  return `SELECT SystemModstamp FROM ${SALESFORCE_NAME[object]} ORDER BY SystemModstamp DESC LIMIT 1`;
}

/**
 * The full load as one Bulk API 2.0 job: no ORDER BY, which Salesforce advises against there (it
 * turns off the job's automatic chunking); the results locator is the checkpoint instead of an Id.
 */
export function bulkLoadQuery(object: SyncObject): string {
  return select(object, ['SystemModstamp']);
}
