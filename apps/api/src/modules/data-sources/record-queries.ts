import type { DataSourceFilter } from '@ch/contracts';
import { type Db, Prisma, poolOf, type SyncObject } from '@ch/db';
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

export interface RecordsPageJson {
  /** The page's records as a JSON array, in the contract's SourceRecord shape. */
  json: string;
  /** Rows read: one more than the page when there is a next page. */
  fetched: number;
  lastId: string | null;
}

// One record as the contract's SourceRecord JSON text, keys in toSourceRecord's order: "name"
// through "fields" as the trigger stored them (or, for a row not written since that column came,
// built by the same function), the timestamp as toISOString writes it (the column holds ms).
const recordText = (objectJson: string) => Prisma.sql`'{"id":' || to_json(r.id)::text
  || ',"object":' || ${objectJson}::text
  || ',' || COALESCE(r."recordJson", "SalesforceRecord_members"(r.fields))
  || ',"systemModstamp":"' || to_char(r."systemModstamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  || '"}'`;

/**
 * One page of live matching records after `afterId`, in id order (the primary key's order).
 * Keyset by the Salesforce id, never by offset: the id of a record never changes, so the pages of
 * a read split the id space at fixed points. An update during the read changes a row's fields and
 * seq, not its place in that order, and an insert or delete of another row cannot shift which rows
 * fall after the last id read (as it would with OFFSET). So a record that exists from the first page
 * to the last is on exactly one page; one created or deleted meanwhile may or may not be.
 *
 * PostgreSQL writes each record's JSON text from its stored `recordJson`, and Node only joins the
 * texts: no jsonb is turned into text and no record is parsed or serialized in Node (decision 021).
 * The page comes back as rows, not as one aggregated text: a multi-megabyte value is a fresh
 * allocation in the backend for each of its copies (string_agg's growth, the concatenation, the
 * output), and a backend that has not yet held one that large gets each from the kernel page by
 * page (glibc's mmap threshold); rows cost 4 ms less per 50-field page of 1,000 (decision 021).
 * Reads `limit + 1` rows to know whether another page follows; the extra one is counted, not sent.
 */
export async function readRecordsPage(
  db: Db,
  s: Scope,
  objectName: string,
  afterId: string | null,
  limit: number,
): Promise<RecordsPageJson> {
  const sql = Prisma.sql`
    SELECT r.id, ${recordText(JSON.stringify(objectName))} AS t
    FROM "SalesforceRecord" r
    WHERE ${scoped(s)} AND r.id > ${afterId ?? ''} AND NOT r.deleted AND ${filterSql(s.object, s.filter)}
    ORDER BY r.id LIMIT ${limit + 1}`;
  // On the pg pool under `db`, as arrays: Prisma's raw path converts every row to an object.
  const { rows } = await poolOf(db).query<[id: string, text: string]>({
    text: sql.text,
    values: sql.values,
    rowMode: 'array',
  });
  const page = rows.slice(0, limit);
  return {
    json: `[${page.map((row) => row[1]).join(',')}]`,
    fetched: rows.length,
    lastId: page.at(-1)?.[0] ?? null,
  };
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
