// The records read path of the data-sources benchmark (data-sources.ts runs it): records per second
// through GET /api/v1/data-sources/:id/records (HTTP, keyset pages) beside one plain SQL read of the
// same rows, with the default fields (Contacts) and with 50 fields (Leads: the defaults plus 36
// custom text, number and date fields, as a sync keeping 50 chosen fields stores them).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '@ch/db';
import type pg from 'pg';

const RECORDS = 100_000;
const PAGE = 1_000;
const out = (line: string) => process.stdout.write(`${line}\n`);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

const DEFAULT_FIELDS = `'FirstName', 'First' || i, 'LastName', 'Last' || i,
  'Name', 'First' || i || ' Last' || i, 'Email', 'p' || i || '@example.com', 'Phone', '+1 555 ' || i,
  'MobilePhone', CASE WHEN i % 3 = 0 THEN NULL ELSE '+1 666 ' || i END, 'DoNotCall', i % 20 = 0`;

// 36 custom fields in groups of 12 text, 12 number and 12 date fields, on top of the defaults.
const CUSTOM_FIELDS = Array.from({ length: 12 }, (_, k) =>
  [
    `jsonb_build_object('Text_${k}__c', 'value ' || (i % ${k + 7}) || ' of field ${k}',`,
    `'Number_${k}__c', round((i * ${k + 1}.37)::numeric % 100000, 2),`,
    `'Date_${k}__c', to_char(date '2020-01-01' + (i % ${365 + k}), 'YYYY-MM-DD'))`,
  ].join(' '),
).join(' || ');

async function seed(
  plain: pg.Client,
  org: string,
  object: 'CONTACT' | 'LEAD',
  prefix: string,
  wide: boolean,
) {
  const fields = `jsonb_build_object('Id', '${prefix}' || lpad(i::text, 15, '0'), 'Title', 'Buyer', 'OwnerId', '005000000000001AAA', 'AccountId', '001000000000001AAA', 'MailingCity', 'Austin',
     'MailingCountry', 'US', 'HasOptedOutOfEmail', false, ${DEFAULT_FIELDS})${wide ? ` || ${CUSTOM_FIELDS}` : ''}`;
  await plain.query(
    `INSERT INTO "SalesforceRecord" ("organizationId", object, id, fields, "systemModstamp", seq)
     SELECT $1::uuid, $2::"SyncObject", '${prefix}' || lpad(i::text, 15, '0'), ${fields},
       now(), nextval('"SalesforceRecord_seq_seq"')
     FROM generate_series(1, $3::int) AS i`,
    [org, object, RECORDS],
  );
  // Statistics as autovacuum leaves them within a minute of a load: without them the planner takes
  // the table for empty and sorts every remaining row for each keyset page.
  await plain.query('ANALYZE "SalesforceRecord"');
  const scope = [org, object];
  const [sizes] = (
    await plain.query(
      `SELECT avg(pg_column_size(fields))::int AS bytes, avg(pg_column_size("recordJson"))::int AS "textBytes"
       FROM "SalesforceRecord" WHERE "organizationId" = $1 AND object = $2::"SyncObject"`,
      scope,
    )
  ).rows as { bytes: number; textBytes: number }[];
  const [keys] = (
    await plain.query(
      `SELECT count(DISTINCT k)::int AS count FROM "SalesforceRecord", jsonb_object_keys(fields) k
       WHERE "organizationId" = $1 AND object = $2::"SyncObject" AND id < $3`,
      [...scope, `${prefix}${'100'.padStart(15, '0')}`],
    )
  ).rows as { count: number }[];
  const stats = sizes && keys ? { ...sizes, ...keys } : undefined;
  return stats ?? { count: 0, bytes: 0, textBytes: 0 };
}

async function measure(
  base: string,
  key: string,
  plain: pg.Client,
  org: string,
  object: string,
  source: string,
) {
  let started = performance.now();
  let read = 0;
  let bytes = 0;
  let parseMs = 0;
  let cursor = '';
  let firstPage = '';
  for (let page = 0; page < RECORDS / PAGE + 2; page++) {
    const res = await fetch(`${base}/api/v1/data-sources/${source}/records?limit=${PAGE}&cursor=${cursor}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const text = await res.text();
    bytes += text.length;
    firstPage ||= text;
    const parsing = performance.now();
    const body = JSON.parse(text) as { records: unknown[]; nextCursor: string | null };
    parseMs += performance.now() - parsing;
    read += body.records.length;
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  const httpMs = performance.now() - started;
  const floorMs = (await bareHttpMs(firstPage, Math.ceil(read / PAGE))) + parseMs;
  started = performance.now();
  const rows = await plain.query(
    `SELECT id, fields, "systemModstamp" FROM "SalesforceRecord"
     WHERE "organizationId" = $1 AND object = $2::"SyncObject" AND NOT deleted ORDER BY id`,
    [org, object],
  );
  const sqlMs = performance.now() - started;
  out(
    `  HTTP keyset pages  : ${read} records in ${httpMs.toFixed(0)} ms = ${rate(read, httpMs)} records/s (${Math.round(bytes / read)} bytes of JSON each)`,
  );
  out(
    `  plain SQL (1 query): ${rows.rowCount} records in ${sqlMs.toFixed(0)} ms = ${rate(rows.rowCount ?? 0, sqlMs)} records/s`,
  );
  out(`  HTTP / plain SQL   : ${(sqlMs / httpMs).toFixed(2)}x (target >= 0.5x)`);
  out(
    `  floor: the same pages from a bare node:http server, fetched and parsed alike: ${floorMs.toFixed(0)} ms (${(sqlMs / floorMs).toFixed(2)}x at best)`,
  );
}

/**
 * What the client side costs with no work on the server: `pages` answers of `body` from a bare
 * node:http server that holds it ready, fetched as above. With the client's JSON.parse, a lower
 * bound for any HTTP API serving these records (decision 021).
 */
async function bareHttpMs(body: string, pages: number): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const started = performance.now();
  for (let page = 0; page < pages; page++) await (await fetch(url)).text();
  const ms = performance.now() - started;
  await new Promise((resolve) => server.close(resolve));
  return ms;
}

export async function benchRecordReads(opts: {
  db: Db;
  plain: pg.Client;
  base: string;
  key: string;
  org: string;
}) {
  const { db, plain, base, key, org } = opts;
  for (const [object, prefix, wide] of [
    ['CONTACT', '003', false],
    ['LEAD', '00Q', true],
  ] as const) {
    const sync = await db.objectSync.create({
      data: { organizationId: org, object, method: 'REST', intervalMinutes: 5, enabled: true },
    });
    const stored = await seed(plain, org, object, prefix, wide);
    const source = await db.campaignDataSource.create({
      data: { organizationId: org, campaignId: 'bench', objectSyncId: sync.id },
    });
    out(
      `Records: ${RECORDS.toLocaleString('en-US')} local ${object === 'CONTACT' ? 'Contacts' : 'Leads'}, ${stored.count} fields (${wide ? '50-field' : 'default'} set, ${stored.bytes} bytes stored each, and ${stored.textBytes} for its page text), pages of ${PAGE}`,
    );
    await measure(base, key, plain, org, object, source.id);
  }
}
