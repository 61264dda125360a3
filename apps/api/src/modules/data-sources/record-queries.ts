import type { DataSourceFilter } from '@ch/contracts';
import { type Db, Prisma, type SyncObject } from '@ch/db';
import { filterSql } from './filter-sql.ts';

export interface Scope {
  organizationId: string;
  object: SyncObject;
  filter: DataSourceFilter;
}

export interface RecordRow {
  id: string;
  fields: Record<string, unknown>;
  systemModstamp: Date;
}

export interface ChangeRow extends RecordRow {
  deleted: boolean;
  seq: bigint;
  createdSeq: bigint | null;
  matches: boolean;
}

const scoped = (s: Scope) =>
  Prisma.sql`r."organizationId" = ${s.organizationId}::uuid AND r.object = ${s.object}::"SyncObject"`;

/**
 * One page of live matching records after `afterId`, in id order (the primary key's order).
 * Keyset by the Salesforce id, never by offset: the id of a record never changes, so the pages of
 * a read split the id space at fixed points. An update during the read changes a row's fields and
 * seq, not its place in that order, and an insert or delete of another row cannot shift which rows
 * fall after the last id read (as it would with OFFSET). So a record that exists from the first page
 * to the last is on exactly one page; one created or deleted meanwhile may or may not be.
 */
export async function readRecords(
  db: Db,
  s: Scope,
  afterId: string | null,
  limit: number,
): Promise<RecordRow[]> {
  return db.$queryRaw<RecordRow[]>`
    SELECT r.id, r.fields, r."systemModstamp" FROM "SalesforceRecord" r
    WHERE ${scoped(s)} AND r.id > ${afterId ?? ''} AND NOT r.deleted AND ${filterSql(s.object, s.filter)}
    ORDER BY r.id LIMIT ${limit}`;
}

/**
 * Rows changed after `afterSeq`, in seq order (the (org, object, seq) index). Every writer of the
 * scope draws its seqs from the scope's counter in the transaction that writes the rows, holding
 * it until commit (sync/record-store.ts drawSeqs), so seqs commit in order: a seq this read sees
 * has every lower one committed before it, and the cursor can never pass a change still to come.
 * No snapshot or transaction-id test, so it holds when the table is distributed by organization.
 */
export async function readChanges(db: Db, s: Scope, afterSeq: bigint, limit: number): Promise<ChangeRow[]> {
  return db.$queryRaw<ChangeRow[]>`
    SELECT r.id, r.fields, r."systemModstamp", r.deleted, r.seq, r."createdSeq",
           (NOT r.deleted AND ${filterSql(s.object, s.filter)}) AS matches
    FROM "SalesforceRecord" r
    WHERE ${scoped(s)} AND r.seq > ${afterSeq}
    ORDER BY r.seq LIMIT ${limit}`;
}

/** Where the change feed stands now: the scope's committed counter; every later change is above it. */
export async function changesHead(db: Db, s: Scope): Promise<bigint> {
  const [row] = await db.$queryRaw<{ head: bigint }[]>`
    SELECT COALESCE((SELECT last FROM "ChangeCounter" c
      WHERE c."organizationId" = ${s.organizationId}::uuid AND c.object = ${s.object}::"SyncObject"), 0)::bigint AS head`;
  return row?.head ?? 0n;
}
