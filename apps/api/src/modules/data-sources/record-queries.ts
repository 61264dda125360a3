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

export interface RecordsPageJson {
  /** The page's records as a JSON array, in the contract's SourceRecord shape. */
  json: string;
  /** Rows read: one more than the page when there is a next page. */
  fetched: number;
  lastId: string | null;
}

interface PageRow {
  id: string;
  /** The stored jsonb as PostgreSQL writes it: valid JSON text, spliced in as is. */
  fields: string;
  systemModstamp: Date;
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  mobilePhone: string | null;
}

// A SourceRecord's text essentials. A plain `->>` (the sync stores these as JSON strings): the
// jsonb_typeof and NULLIF checks record-view.ts makes cost more in SQL than the page's whole JSON
// in Node, so the empty string becomes null below instead.
const essential = (key: string, as: string) => Prisma.sql`r.fields->>${key} AS ${Prisma.raw(`"${as}"`)}`;

const ESSENTIALS = Prisma.join(
  [
    essential('Name', 'name'),
    essential('FirstName', 'firstName'),
    essential('LastName', 'lastName'),
    essential('Email', 'email'),
    essential('Phone', 'phone'),
    essential('MobilePhone', 'mobilePhone'),
  ],
  ', ',
);

const str = (value: string | null) => JSON.stringify(value === '' ? null : value);

/**
 * One page of live matching records after `afterId`, in id order (the primary key's order).
 * Keyset by the Salesforce id, never by offset: the id of a record never changes, so the pages of
 * a read split the id space at fixed points. An update during the read changes a row's fields and
 * seq, not its place in that order, and an insert or delete of another row cannot shift which rows
 * fall after the last id read (as it would with OFFSET). So a record that exists from the first page
 * to the last is on exactly one page; one created or deleted meanwhile may or may not be.
 *
 * The page is written as JSON text (toSourceRecord's shape) around each row's `fields` as the text
 * PostgreSQL outputs for the jsonb: no row's fields are parsed into objects and serialized again,
 * which was most of the read path's cost. Building the whole page with json_build_object and
 * json_agg in PostgreSQL instead measured slower (decision 021). Reads
 * `limit + 1` rows to know whether another page follows; the extra one is left out.
 */
export async function readRecordsPage(
  db: Db,
  s: Scope,
  objectName: string,
  afterId: string | null,
  limit: number,
): Promise<RecordsPageJson> {
  const rows = await db.$queryRaw<PageRow[]>`
    SELECT r.id, r.fields::text AS fields, r."systemModstamp", ${ESSENTIALS}
    FROM "SalesforceRecord" r
    WHERE ${scoped(s)} AND r.id > ${afterId ?? ''} AND NOT r.deleted AND ${filterSql(s.object, s.filter)}
    ORDER BY r.id LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const object = str(objectName);
  const records = page.map(
    (r) =>
      `{"id":${str(r.id)},"object":${object},"name":${str(r.name)},"firstName":${str(r.firstName)},` +
      `"lastName":${str(r.lastName)},"email":${str(r.email)},"phone":${str(r.phone)},` +
      `"mobilePhone":${str(r.mobilePhone)},"fields":${r.fields},` +
      `"systemModstamp":"${r.systemModstamp.toISOString()}"}`,
  );
  return { json: `[${records.join(',')}]`, fetched: rows.length, lastId: page.at(-1)?.id ?? null };
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
