// Issue #15's rows of `pnpm bench:sync`: a full load of N Contacts through the engine (runPoll),
// by REST paging and by Bulk API 2.0, at 0 ms and 200 ms injected latency per call; and at 0 ms
// the same rows written with COPY beside it (read the same way, so only the writing differs).
// The emulator and each load run in processes of their own: a load's peak RSS is its own
// (getrusage's maxrss in the load's process).
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { SalesforceClient } from '@ch/salesforce';
import { DEFAULT_APP } from '@ch/salesforce-emulator';
import { withSalesforce } from '../src/salesforce/with-salesforce.ts';
import { BULK_PAGE_SIZE, STORE_BATCH } from '../src/sync/bulk-load.ts';
import { syncedFieldsOf } from '../src/sync/fields.ts';
import { bulkLoadQuery, fullLoadQuery } from '../src/sync/soql.ts';
import { emulatorProcess } from './emulator-process.ts';
import { copyPages, pagesAsBatches, print, seconds, seedContacts, startBench } from './harness.ts';
import { loadInChild } from './load-process.ts';

const CONTACT_FIELDS = syncedFieldsOf({ object: 'CONTACT', fields: null });
// BENCH_BULK_METHODS=Bulk runs the Bulk rows only (to study them); the default runs both.
const METHODS = (process.env.BENCH_BULK_METHODS ?? 'REST,Bulk').split(',') as Method[];

type Method = 'REST' | 'Bulk';
interface Row {
  records: number;
  latencyMs: number;
  method: Method;
  ms: number;
  apiCalls: number;
  peakRss: number;
  /** The load process's RSS when the load began (the engine's code, Prisma, pools), for scale. */
  startRss: number;
  copyMs?: number;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** Runs the rows for each size (fresh emulator and database per size) and prints the table. */
export async function benchBulk(sizes: number[], latencies: number[]): Promise<void> {
  const rows: Row[] = [];
  for (const size of sizes) rows.push(...(await benchSize(size, latencies)));
  print(
    '\n| Contacts | latency | method | wall | records/s | API calls | peak RSS (at start) | COPY | engine/COPY |',
  );
  print('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const copy = r.copyMs === undefined ? '' : `${seconds(r.copyMs)} s`;
    const ratio = r.copyMs === undefined ? '' : (r.copyMs / r.ms).toFixed(2);
    print(
      `| ${r.records.toLocaleString('en-US')} | ${r.latencyMs} ms | ${r.method} | ${seconds(r.ms)} s | ${Math.round(r.records / (r.ms / 1000)).toLocaleString('en-US')} | ${r.apiCalls} | ${mb(r.peakRss)} (${mb(r.startRss)}) | ${copy} | ${ratio} |`,
    );
  }
  for (const size of sizes)
    for (const latencyMs of latencies) {
      const pick = (m: Method) =>
        rows.find((r) => r.records >= size && r.latencyMs === latencyMs && r.method === m);
      const [rest, bulk] = [pick('REST'), pick('Bulk')];
      if (!rest || !bulk) continue;
      print(
        `${size.toLocaleString('en-US')} Contacts at ${latencyMs} ms: Bulk ${(rest.ms / bulk.ms).toFixed(1)}x faster than REST, ${bulk.apiCalls}/${rest.apiCalls} = ${(bulk.apiCalls / rest.apiCalls).toFixed(3)} of its API calls`,
      );
    }
}

async function benchSize(size: number, latencies: number[]): Promise<Row[]> {
  const bench = await startBench({ emulator: emulatorProcess });
  const { deps, organizationId, emulator } = bench;
  const rows: Row[] = [];
  try {
    print(`\nSeeding ${size.toLocaleString('en-US')} Contacts at the emulator (its own process)...`);
    // Stamped over the last 30 days, as an org's history is: the poll after the load re-reads only
    // its 5-minute lookback, not every record.
    await seedContacts(emulator.control, size);
    const used = async () =>
      (await emulator.control.state()).orgs.find((o) => o.alias === 'acme')?.apiUsage.used ?? 0;
    for (const latencyMs of latencies) {
      for (const method of METHODS) {
        await deps.db.$executeRawUnsafe('TRUNCATE "SalesforceRecord", "SkippedRecord"');
        await deps.db.syncRun.deleteMany();
        await deps.db.objectSync.deleteMany();
        const sync = await deps.db.objectSync.create({
          data: { organizationId, object: 'CONTACT', method: 'REST', intervalMinutes: 5, enabled: true },
        });
        await emulator.control.setLatency(latencyMs);
        const calls = await used();
        // In a child process: the peak RSS is this load's own (bench/load-process.ts).
        const { ms, peakRss, startRss } = await loadInChild({
          databaseUrl: bench.databaseUrl,
          secretKey: bench.secretKey,
          emulatorUrl: emulator.url,
          app: DEFAULT_APP,
          syncId: sync.id,
          bulkThreshold: method === 'Bulk' ? 0 : 1_000_000_000,
        });
        const apiCalls = (await used()) - calls;
        const run = await deps.db.syncRun.findFirstOrThrow({ where: { objectSyncId: sync.id } });
        if (run.outcome !== 'SUCCEEDED' || run.error)
          throw new Error(`${method} load: ${run.outcome} ${run.error}`);
        const records = await deps.db.salesforceRecord.count({ where: { organizationId } });
        const row: Row = { records, latencyMs, method, ms, apiCalls, peakRss, startRss };
        if (latencyMs === 0) row.copyMs = await copyBaseline(bench, method);
        rows.push(row);
        print(
          `  ${method} ${latencyMs} ms: ${records} records in ${seconds(ms)} s, ${apiCalls} API calls, RSS ${mb(startRss)} at the start, peak ${mb(peakRss)}${row.copyMs ? `, COPY ${seconds(row.copyMs)} s` : ''} (load average ${loadavg()[0]!.toFixed(1)})`,
        );
      }
    }
    await emulator.control.setLatency(0);
  } finally {
    await bench.stop();
  }
  return rows;
}

/** The same rows read the same way, written with COPY into the same table under another organization. */
async function copyBaseline(bench: Awaited<ReturnType<typeof startBench>>, method: Method): Promise<number> {
  const { deps, organizationId } = bench;
  const other = await deps.db.organization.create({ data: { name: `COPY baseline ${method}` } });
  try {
    const started = performance.now();
    await withSalesforce(deps, organizationId, (sf) =>
      copyPages(bench.databaseUrl, other.id, pagesOf(sf, method)),
    );
    return performance.now() - started;
  } finally {
    await deps.db.$executeRaw`DELETE FROM "SalesforceRecord" WHERE "organizationId" = ${other.id}::uuid`;
    await deps.db.organization.delete({ where: { id: other.id } });
  }
}

async function* pagesOf(sf: SalesforceClient, method: Method) {
  if (method === 'REST') {
    yield* pagesAsBatches(sf.queryPages(fullLoadQuery('CONTACT', CONTACT_FIELDS, null)));
    return;
  }
  const fieldTypes = Object.fromEntries((await sf.describe('Contact')).fields.map((f) => [f.name, f.type]));
  const pages = sf.bulkQueryPages(bulkLoadQuery('CONTACT', CONTACT_FIELDS), {
    fieldTypes,
    pageSize: BULK_PAGE_SIZE,
    batchSize: STORE_BATCH,
  });
  for await (const page of pages) yield { batches: page.batches };
}
