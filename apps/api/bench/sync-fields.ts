// node --import tsx apps/api/bench/sync-fields.ts — the sync engine with the default fields beside
// 50 chosen fields: full load and incremental poll (records/s, ms) and bytes stored per record.
// Prints figures; asserts nothing. BENCH_RECORDS sets the Contacts seeded (default 20,000).

import { performance } from 'node:perf_hooks';
import { tenantKey } from '@ch/db';
import type { CustomFieldInput } from '@ch/salesforce-emulator';
import type { ChosenField } from '../src/sync/fields.ts';
import { FULL_LOAD_RESET } from '../src/sync/full-load-reset.ts';
import { runPoll } from '../src/sync/run-poll.ts';
import { print, seconds, startBench } from './harness.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 20_000);
const TYPES: CustomFieldInput['type'][] = ['string', 'picklist', 'double', 'date', 'boolean', 'currency'];
const PICKS = ['Alpha', 'Beta', 'Gamma', 'Delta'];

/** 50 custom fields of the usual kinds, as a campaign team's org might have. */
const FIELDS: CustomFieldInput[] = Array.from({ length: 50 }, (_, i) => {
  const type = TYPES[i % TYPES.length]!;
  const name = `Bench_Field_${String(i + 1).padStart(2, '0')}__c`;
  const base = { name, label: `Bench Field ${i + 1}`, type };
  if (type === 'string') return { ...base, length: 40 };
  if (type === 'picklist') return { ...base, picklistValues: PICKS };
  if (type === 'double' || type === 'currency') return { ...base, precision: 12, scale: 2 };
  return base;
});

function value(field: CustomFieldInput, n: number): unknown {
  switch (field.type) {
    case 'string':
      return `Value ${n % 997}`;
    case 'picklist':
      return PICKS[n % PICKS.length];
    case 'double':
    case 'currency':
      return (n % 100_000) / 100;
    case 'date':
      return `2026-${String((n % 12) + 1).padStart(2, '0')}-15`;
    default:
      return n % 2 === 0;
  }
}

const bench = await startBench();
const { deps, organizationId } = bench;
const { db } = deps;
try {
  const control = bench.emulator.control;
  for (const field of FIELDS) await control.addField('acme', 'Contact', field);
  print(`Seeding ${RECORDS.toLocaleString('en-US')} Contacts with 50 custom fields each at the emulator...`);
  const spanMs = 30 * 24 * 3_600_000;
  const batches = Math.ceil(RECORDS / 1000);
  for (let b = 0; b < batches; b++) {
    const records = Array.from({ length: Math.min(1000, RECORDS - b * 1000) }, (_, i) => {
      const n = b * 1000 + i;
      const custom = Object.fromEntries(FIELDS.map((field) => [field.name, value(field, n)]));
      return { FirstName: 'Bench', LastName: `Contact ${n}`, Email: `bench${n}@acme.example`, ...custom };
    });
    const systemModstamp = new Date(Date.now() - spanMs + (b * spanMs) / batches).toISOString();
    await control.createRecords('acme', 'Contact', records, { systemModstamp });
  }
  const sync = await db.objectSync.create({
    data: { organizationId, object: 'CONTACT', method: 'REST', intervalMinutes: 5, enabled: true },
  });
  const chosen: ChosenField[] = FIELDS.map(({ name, label, type }) => ({ name, label, type, custom: true }));

  print(
    '\n| fields kept | full load records/s | full load s | incremental poll median ms | bytes stored per record |',
  );
  print('|---|---|---|---|---|');
  for (const [label, fields] of [
    ['default (14)', null],
    ['8 required + 50 chosen', chosen],
  ] as const) {
    await db.salesforceRecord.deleteMany({ where: { organizationId } });
    await db.objectSync.update({
      where: tenantKey(sync),
      data: { ...FULL_LOAD_RESET, fields: fields === null ? undefined : (fields as never), nextRunAt: null },
    });
    let started = performance.now();
    await runPoll(deps, sync.id);
    const fullMs = performance.now() - started;
    const loaded = await db.salesforceRecord.count({ where: { organizationId } });
    const polls: number[] = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await runPoll(deps, sync.id);
      polls.push(performance.now() - started);
    }
    // The row as PostgreSQL stores it (jsonb compressed where it is large), indexes aside.
    const [size] = await db.$queryRaw<{ bytes: number }[]>`
      SELECT avg(pg_column_size(r.*))::float8 AS bytes FROM "SalesforceRecord" r
      WHERE "organizationId" = ${organizationId}::uuid`;
    const median = [...polls].sort((a, b) => a - b)[2]!;
    print(
      `| ${label} | ${Math.round(loaded / (fullMs / 1000)).toLocaleString('en-US')} | ${seconds(fullMs)} | ${median.toFixed(1)} | ${Math.round(size?.bytes ?? 0)} |`,
    );
  }
} finally {
  await bench.stop();
}
