import type { Prisma, SyncObject } from '@ch/db';
import { syncedFieldsOf } from './fields.ts';
import { normalizeRecord } from './normalize-record.ts';
import { applyRecords, type IncomingRecord, lockScope } from './record-store.ts';
import { clearSkips, recordSkips, type Skip } from './skipped-records.ts';

type Tx = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

export interface StoreTarget {
  organizationId: string;
  object: SyncObject;
}

export interface Stored {
  upserted: number;
  deleted: number;
  skipped: number;
}

/**
 * Applies a page or event batch so that one record the store cannot keep never stops the rest:
 * values are normalized first (normalize-record.ts); when PostgreSQL still refuses the batch, it
 * is split behind savepoints until the records it refuses are found, and those are skipped and
 * listed (skipped-records.ts). The caller's transaction then commits the rest with its
 * checkpoint. Errors that are not about a value (a lost connection, a deadlock) still fail
 * the whole batch.
 */
export async function storeRecords(
  tx: Tx,
  target: StoreTarget,
  records: readonly IncomingRecord[],
  options: { merge: boolean },
): Promise<Stored> {
  const storable: IncomingRecord[] = [];
  const skips: Skip[] = [];
  const keep = await currentFields(tx, target);
  for (const record of records) {
    const normalized = normalizeRecord(keep ? onlyFields(record, keep) : record);
    if (normalized.ok) storable.push(normalized.record);
    else skips.push(skipOf(record, normalized.reason));
  }
  const totals = { upserted: 0, deleted: 0 };
  const apply = async (batch: IncomingRecord[]) => {
    const applied = await applyRecords(tx, target.organizationId, target.object, batch, options);
    totals.upserted += applied.upserted;
    totals.deleted += applied.deleted;
  };
  // Halve what the database refuses until each refusal is one record (one id: repeats of an id
  // stay together and in order, as applyRecords folds them): about 2·log2(n) tries for one bad
  // record in a page of n, not n.
  const bisect = async (groups: IncomingRecord[][]): Promise<void> => {
    const reason = await behindSavepoint(tx, () => apply(groups.flat()));
    if (!reason) return;
    if (groups.length === 1) {
      skips.push(...groups[0]!.map((record) => skipOf(record, reason)));
      return;
    }
    const half = Math.ceil(groups.length / 2);
    await bisect(groups.slice(0, half));
    await bisect(groups.slice(half));
  };
  if (storable.length > 0) await bisect(groupById(storable));
  const skippedIds = new Set(skips.map((skip) => skip.record.id));
  await clearSkips(
    tx,
    target,
    storable.filter((record) => !skippedIds.has(record.id)),
  );
  await recordSkips(tx, target, skips);
  return { ...totals, skipped: skippedIds.size };
}

/**
 * The sync's fields as they are now, read under the scope's lock that a change of fields also
 * takes (modules/salesforce-syncs): a page read before the admin removed a field cannot bring it
 * back after the removal committed. Undefined when the scope has no sync (nothing to hold to).
 */
async function currentFields(tx: Tx, target: StoreTarget): Promise<Set<string> | undefined> {
  await lockScope(tx, target.organizationId, target.object);
  const [sync] = await tx.$queryRawUnsafe<{ fields: unknown }[]>(
    `SELECT fields FROM "ObjectSync" WHERE "organizationId" = $1::uuid AND object = $2::"SyncObject"`,
    target.organizationId,
    target.object,
  );
  if (!sync) return undefined;
  const fields = syncedFieldsOf({ object: target.object, fields: sync.fields as never });
  return new Set(fields.map((field) => field.name));
}

function onlyFields(record: IncomingRecord, keep: Set<string>): IncomingRecord {
  const names = Object.keys(record.fields);
  if (names.every((name) => keep.has(name))) return record;
  return {
    ...record,
    fields: Object.fromEntries(Object.entries(record.fields).filter(([n]) => keep.has(n))),
  };
}

/** Runs `work` behind a savepoint; a refused value rolls back to it and returns the reason. */
async function behindSavepoint(tx: Tx, work: () => Promise<void>): Promise<string | undefined> {
  await tx.$executeRawUnsafe('SAVEPOINT store_records');
  try {
    await work();
  } catch (error) {
    const reason = refusalReason(error);
    if (!reason) throw error;
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT store_records');
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT store_records');
    return reason;
  }
  await tx.$executeRawUnsafe('RELEASE SAVEPOINT store_records');
  return undefined;
}

/**
 * Our sentence for a value PostgreSQL refused (SQLSTATE class 22, data exception, or 54, a limit
 * exceeded); undefined for any other failure. The database's own message never reaches the admin.
 */
export function refusalReason(error: unknown): string | undefined {
  const state = sqlState(error);
  if (!state) return undefined;
  if (state.startsWith('54') || state === '22001') return 'A value is too long for the local copy to store.';
  if (state === '22007' || state === '22008')
    return 'A date or time in it is out of the range the local copy can store.';
  if (state.startsWith('22')) return 'A value contains characters or data the local copy cannot store.';
  return undefined;
}

/** The SQLSTATE of a PostgreSQL error, wherever Prisma's driver adapter put it. */
function sqlState(error: unknown): string | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null)
    ?.meta;
  const code = meta?.driverAdapterError?.cause?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

function groupById(records: readonly IncomingRecord[]): IncomingRecord[][] {
  const groups = new Map<string, IncomingRecord[]>();
  for (const record of records) {
    const group = groups.get(record.id);
    if (group) group.push(record);
    else groups.set(record.id, [record]);
  }
  return [...groups.values()];
}

const skipOf = (record: IncomingRecord, reason: string): Skip => ({ record, reason });
