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
  unsettled: boolean;
}

const scoped = (s: Scope) =>
  Prisma.sql`r."organizationId" = ${s.organizationId}::uuid AND r.object = ${s.object}::"SyncObject"`;

// A row is "unsettled" while a transaction older than the one that wrote it is still open: that
// older transaction may hold a lower seq that is not visible yet. xmin is the 32-bit xid, the
// snapshot bounds are 64-bit; comparing within the small in-flight window modulo 2^32 stays right
// across xid wraparound.
const UNSETTLED = Prisma.sql`((r.xmin::text::bigint - (snap.lo % 4294967296) + 4294967296) % 4294967296) < (snap.hi - snap.lo)`;
const SNAP = Prisma.sql`(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS lo,
  pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS hi) snap`;

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
 * Rows changed after `afterSeq`, in seq order (the (org, object, seq) index), cut before the first
 * unsettled row so the cursor never passes a seq that may still appear. The sync engine's writers
 * of one (organization, object) take its lock before drawing a seq (sync/record-store.ts
 * lockScope), so seqs are drawn in commit order and a hold-back only happens while a writer of
 * another scope with an older transaction is still open.
 */
export async function readChanges(db: Db, s: Scope, afterSeq: bigint, limit: number): Promise<ChangeRow[]> {
  const rows = await db.$queryRaw<ChangeRow[]>`
    SELECT r.id, r.fields, r."systemModstamp", r.deleted, r.seq, r."createdSeq",
           (NOT r.deleted AND ${filterSql(s.object, s.filter)}) AS matches, ${UNSETTLED} AS unsettled
    FROM "SalesforceRecord" r, ${SNAP}
    WHERE ${scoped(s)} AND r.seq > ${afterSeq}
    ORDER BY r.seq LIMIT ${limit}`;
  const firstUnsettled = rows.findIndex((row) => row.unsettled);
  return firstUnsettled === -1 ? rows : rows.slice(0, firstUnsettled);
}

/** Where the change feed stands now: every later change has a higher seq (see readChanges). */
export async function changesHead(db: Db, s: Scope): Promise<bigint> {
  const [row] = await db.$queryRaw<{ head: bigint }[]>`
    SELECT COALESCE(
      (SELECT min(r.seq) - 1 FROM (SELECT seq, xmin FROM "SalesforceRecord" r WHERE ${scoped(s)}
         ORDER BY seq DESC LIMIT 5000) r, ${SNAP} WHERE ${UNSETTLED}),
      (SELECT max(r.seq) FROM "SalesforceRecord" r WHERE ${scoped(s)}),
      0)::bigint AS head`;
  return row?.head ?? 0n;
}
