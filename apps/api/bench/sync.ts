// pnpm bench:sync — the sync engine against the emulator, beside the physical limit of the same
// pipeline (the same pages written with COPY). Prints figures; asserts nothing.

import { performance } from 'node:perf_hooks';
import { tenantKey } from '@ch/db';
import { withSalesforce } from '../src/salesforce/with-salesforce.ts';
import { syncedFieldsOf } from '../src/sync/fields.ts';
import { runPoll } from '../src/sync/run-poll.ts';
import { fullLoadQuery } from '../src/sync/soql.ts';
import { benchBulk } from './bulk.ts';
import { benchCdc } from './cdc.ts';
import { copyPages, pagesAsBatches, print, seconds, seedContacts, startBench } from './harness.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const CDC_CHANGES = Number(process.env.BENCH_CDC_CHANGES ?? 10_000);
const CONTACT_FIELDS = syncedFieldsOf({ object: 'CONTACT', fields: null });
const CDC_RATE = Number(process.env.BENCH_CDC_RATE ?? 500);
// Issue #15's rows: Bulk API 2.0 beside REST paging. BENCH_BULK_SIZES=100000 runs the smaller
// one only, BENCH_BULK_LATENCIES=0 the 0 ms rows only; BENCH_BULK_ONLY=1 skips the sections above.
const BULK_SIZES = (process.env.BENCH_BULK_SIZES ?? '100000,1000000').split(',').map(Number);
const bench = process.env.BENCH_BULK_ONLY === '1' ? undefined : await startBench();
if (bench) await benchEngine(bench);
await benchBulk(BULK_SIZES, (process.env.BENCH_BULK_LATENCIES ?? '0,200').split(',').map(Number));

async function benchEngine(bench: Awaited<ReturnType<typeof startBench>>) {
  const { deps, organizationId } = bench;
  try {
    print(`Seeding ${RECORDS.toLocaleString('en-US')} Contacts at the emulator...`);
    await seedContacts(bench.emulator.control, RECORDS);
    const sync = await deps.db.objectSync.create({
      data: { organizationId, object: 'CONTACT', method: 'REST', intervalMinutes: 5, enabled: true },
    });

    // 1. Full load through the engine.
    let started = performance.now();
    await runPoll(deps, sync.id);
    const fullMs = performance.now() - started;
    const full = await deps.db.syncRun.findFirstOrThrow({ where: { objectSyncId: sync.id, kind: 'FULL' } });
    if (full.outcome !== 'SUCCEEDED') throw new Error(`full load ${full.outcome}: ${full.error}`);
    const loaded = await deps.db.salesforceRecord.count({ where: { organizationId } });
    print(
      `\nFull load: ${loaded.toLocaleString('en-US')} records in ${seconds(fullMs)} s = ${Math.round(loaded / (fullMs / 1000)).toLocaleString('en-US')} records/s`,
    );
    print(
      `  API calls: ${full.apiCalls} (${Math.ceil(RECORDS / 2000)} pages of 2,000 + ${full.apiCalls - Math.ceil(RECORDS / 2000)})`,
    );

    // 2. The same pages fetched and written with COPY into the same table: the pipeline's limit.
    const other = await deps.db.organization.create({ data: { name: 'COPY baseline' } });
    started = performance.now();
    const seq = await withSalesforce(deps, organizationId, (sf) =>
      copyPages(
        bench.databaseUrl,
        other.id,
        pagesAsBatches(sf.queryPages(fullLoadQuery('CONTACT', CONTACT_FIELDS, null))),
      ),
    );
    const copyMs = performance.now() - started;
    const copyRate = seq / (copyMs / 1000);
    const engineRate = loaded / (fullMs / 1000);
    print(
      `COPY baseline: ${seq.toLocaleString('en-US')} records in ${seconds(copyMs)} s = ${Math.round(copyRate).toLocaleString('en-US')} records/s`,
    );
    print(`  engine / COPY ratio: ${(engineRate / copyRate).toFixed(2)} (target >= 0.5)`);

    // 3. Incremental polls with nothing changed, over everything stored. The first one also pays for
    // code paths running for the first time; the steady state is what a 5-minute schedule sees.
    const polls: { ms: number; apiCalls: number; upserted: number }[] = [];
    for (let i = 0; i < 5; i++) {
      await deps.db.objectSync.update({ where: tenantKey(sync), data: { nextRunAt: null } });
      started = performance.now();
      await runPoll(deps, sync.id);
      const ms = performance.now() - started;
      const run = await deps.db.syncRun.findFirstOrThrow({
        where: { objectSyncId: sync.id, kind: 'INCREMENTAL' },
        orderBy: { id: 'desc' },
      });
      polls.push({ ms, apiCalls: run.apiCalls, upserted: run.upserted });
    }
    const median = [...polls].sort((a, b) => a.ms - b.ms)[2]!;
    print(
      `\nIncremental poll with no changes over ${loaded.toLocaleString('en-US')} stored records, 5 polls: ${polls.map((p) => p.ms.toFixed(1)).join(', ')} ms`,
    );
    print(
      `  median ${median.ms.toFixed(1)} ms, API calls per poll: ${polls.map((p) => p.apiCalls).join(', ')}, upserted: ${polls.reduce((n, p) => n + p.upserted, 0)} (targets: <= 2 calls, < 50 ms)`,
    );

    // 4. CDC: many organizations in one worker, then latency over both transports (bench/cdc.ts).
    await benchCdc(bench, { changes: CDC_CHANGES, rate: CDC_RATE });
  } finally {
    await bench.stop();
  }
}
