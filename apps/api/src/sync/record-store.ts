import type { Prisma, SyncObject } from '@ch/db';

export interface IncomingRecord {
  id: string;
  /** Synced fields only: all of them (a REST row, a CDC create) or the changed ones (a CDC update). */
  fields: Record<string, unknown>;
  /** The version: SystemModstamp from REST, the commit time from CDC (both kept to the second). */
  modstamp: Date;
  deleted: boolean;
}

type Tx = Pick<Prisma.TransactionClient, '$queryRawUnsafe'>;

/** Advisory-lock namespace of the record writers (first key); the second is the scope's hash. */
const SCOPE_LOCK = 0x5343; // 'SC'

/**
 * Serializes the writers of one (organization, object) until the caller's transaction ends. The
 * change feed orders rows by seq and may only hand out a seq once every lower one of the scope is
 * committed (see modules/data-sources/record-queries.ts). Taken by every transaction that draws a
 * seq (a full-load or poll page, a CDC batch, the sweep) before it draws one. The counter row
 * drawSeqs locks does the same on its own (and survives distribution by organization, which a
 * coordinator's advisory lock does not); this lock also covers a writer's reads before its first
 * draw. Re-entrant within a transaction.
 */
export async function lockScope(tx: Tx, organizationId: string, object: SyncObject): Promise<void> {
  await tx.$queryRawUnsafe(
    'SELECT 1 AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2))',
    SCOPE_LOCK,
    `${organizationId}:${object}`,
  );
}

/**
 * Reserves `count` change-feed seqs of the scope in the caller's transaction and returns the one
 * before them: the caller numbers its rows base + 1 .. base + count (unused ones are gaps). The
 * scope's counter row stays locked until that transaction ends, so the next writer of the scope
 * draws after this one commits: seqs commit in order, and a reader that sees a seq sees every
 * lower one (decision 027). Each scope has its own counter: writers of other scopes never wait.
 */
export async function drawSeqs(
  tx: Tx,
  organizationId: string,
  object: SyncObject,
  count: number,
): Promise<bigint> {
  const [row] = await tx.$queryRawUnsafe<{ base: bigint }[]>(
    `INSERT INTO "ChangeCounter" AS c ("organizationId", object, last) VALUES ($1::uuid, $2::"SyncObject", $3::bigint)
     ON CONFLICT ("organizationId", object) DO UPDATE SET last = c.last + $3::bigint
     RETURNING last - $3::bigint AS base`,
    organizationId,
    object,
    count,
  );
  return row!.base;
}

// A CDC update names only the changed fields, and Salesforce sends no compound Name in change
// events: when a merge touches FirstName or LastName, Name is derived from the merged row as
// Salesforce does ("FirstName LastName", trimmed). REST rows (no merge) carry Name already.
// `->` yields a JSON null (not SQL NULL) for a key present with null, so IS NOT NULL tests presence.
const merged = (current: string, incoming: string) => `(CASE
  WHEN (${incoming})->'FirstName' IS NOT NULL OR (${incoming})->'LastName' IS NOT NULL
  THEN ${current} || ${incoming} || jsonb_build_object('Name',
    btrim(concat_ws(' ', (${current} || ${incoming})->>'FirstName', (${current} || ${incoming})->>'LastName')))
  ELSE ${current} || ${incoming} END)`;
const nextFields = `CASE WHEN $4::boolean THEN ${merged('cur.fields', 'EXCLUDED.fields')} ELSE EXCLUDED.fields END`;
const changed = `(cur.deleted IS DISTINCT FROM EXCLUDED.deleted OR cur.fields IS DISTINCT FROM (${nextFields}))`;

// One statement per batch. `WHERE ... <=` is the version guard (docs/decisions/007): versions are
// compared at whole seconds, as Salesforce stamps them, and within one second the version applied
// later wins, since it was read from Salesforce later. A row whose synced values do not change
// keeps its seq (the change feed has nothing to report) but still takes the newer version, so the
// SystemModstamp served is Salesforce's latest. Counts come back, not a row per record: a Bulk
// page is 50,000 records, and shipping 50,000 result rows to be counted in JS cost the load time.
// The batch arrives as one JSON array, parsed once into jsonb: as four text arrays, each record's
// JSON was escaped into an array literal by the driver and unescaped and parsed again by the server
// (10 % of a Bulk load's time, 6 % of a REST one's; decision 016, session 9).
const UPSERT = `
WITH incoming AS (
  SELECT r.id, r.fields, r.modstamp, r.deleted, r.n
  FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (id text, fields jsonb, modstamp timestamptz, deleted boolean))
    WITH ORDINALITY AS r(id, fields, modstamp, deleted, n)
), applied AS (
INSERT INTO "SalesforceRecord" AS cur ("organizationId", object, id, fields, "systemModstamp", deleted, "deletedAt", seq)
SELECT $1::uuid, $2::"SyncObject", id, CASE WHEN $4::boolean THEN ${merged("'{}'::jsonb", 'fields')} ELSE fields END, modstamp, deleted, CASE WHEN deleted THEN now() END,
       $5::bigint + n
FROM incoming
ON CONFLICT ("organizationId", object, id) DO UPDATE SET
  fields = ${nextFields},
  "systemModstamp" = EXCLUDED."systemModstamp",
  deleted = EXCLUDED.deleted,
  "deletedAt" = CASE WHEN EXCLUDED.deleted THEN COALESCE(cur."deletedAt", now()) END,
  seq = CASE WHEN ${changed} THEN EXCLUDED.seq ELSE cur.seq END,
  "updatedAt" = now()
WHERE cur."systemModstamp" <= EXCLUDED."systemModstamp"
  AND (${changed} OR cur."systemModstamp" < EXCLUDED."systemModstamp")
RETURNING new.deleted, old.seq IS DISTINCT FROM new.seq AS changed
)
SELECT count(*) FILTER (WHERE changed AND NOT deleted)::int AS upserted,
       count(*) FILTER (WHERE changed AND deleted)::int AS deleted
FROM applied`;

/**
 * Applies records to the local copy inside the caller's transaction (which also moves the cursor
 * or replay id, so the two never disagree after a crash), holding the scope's lock (lockScope).
 * `merge` keeps fields the batch does not name (CDC updates carry changed fields only). Returns how
 * many rows changed (a newer version with the same values moves the stored version only, and is
 * not counted).
 */
export async function applyRecords(
  tx: Tx,
  organizationId: string,
  object: SyncObject,
  records: readonly IncomingRecord[],
  options: { merge: boolean },
): Promise<{ upserted: number; deleted: number }> {
  const batch = latestPerId(records.map(atSecondPrecision), options.merge);
  if (batch.length === 0) return { upserted: 0, deleted: 0 };
  await lockScope(tx, organizationId, object);
  const base = await drawSeqs(tx, organizationId, object, batch.length);
  const [counts] = await tx.$queryRawUnsafe<{ upserted: number; deleted: number }[]>(
    UPSERT,
    organizationId,
    object,
    JSON.stringify(
      batch.map((r) => ({
        id: r.id,
        fields: r.fields,
        modstamp: r.modstamp.toISOString(),
        deleted: r.deleted,
      })),
    ),
    options.merge,
    base,
  );
  return { upserted: counts!.upserted, deleted: counts!.deleted };
}

/** Salesforce's SystemModstamps have whole seconds; CDC commit stamps have milliseconds. */
function atSecondPrecision(record: IncomingRecord): IncomingRecord {
  const ms = record.modstamp.getTime();
  return ms % 1000 === 0 ? record : { ...record, modstamp: new Date(ms - (((ms % 1000) + 1000) % 1000)) };
}

// PostgreSQL refuses to update one row twice in a statement: fold repeats of an id in order.
function latestPerId(records: readonly IncomingRecord[], merge: boolean): IncomingRecord[] {
  const byId = new Map<string, IncomingRecord>();
  for (const record of records) {
    const previous = byId.get(record.id);
    if (!previous || previous.modstamp <= record.modstamp) {
      byId.set(
        record.id,
        previous && merge && !record.deleted
          ? { ...record, fields: { ...previous.fields, ...record.fields } }
          : record,
      );
    }
  }
  return [...byId.values()];
}
