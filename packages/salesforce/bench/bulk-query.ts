import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { EmulatorControl } from '@ch/salesforce-emulator/client';
import { ACME, clientFor, connect, type Emulator, REDIRECT_URI } from '../test/emulator/setup.ts';

// Client-level figures for issue #15: the same Contacts read by REST paging and by a Bulk API 2.0
// query job. The emulator runs in its own process, so peak RSS is the client's alone.
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? 20_000);
const SOQL = 'SELECT Id, FirstName, LastName, Email, MailingCity, DoNotCall, CreatedDate FROM Contact';
const out = (line: string) => process.stdout.write(`${line}\n`);

const KEY = 'bench-control-key';
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: new URL('../../../apps/salesforce-emulator/', import.meta.url),
  env: {
    ...process.env,
    PORT: String(PORT),
    EMULATOR_CONTROL_KEY: KEY,
    EMULATOR_CALLBACK_URLS: REDIRECT_URI,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await once(child.stdout, 'data');
const url = `http://localhost:${PORT}`;
// connect() and clientFor() read only these two members of a running emulator.
const emu = { url, control: new EmulatorControl({ baseUrl: url, controlKey: KEY }) } as unknown as Emulator;
try {
  const { client } = clientFor(emu, await connect(emu, ACME));
  for (let i = 0; i < RECORDS; i += 10_000) {
    const batch = Array.from({ length: Math.min(10_000, RECORDS - i) }, (_, j) => ({
      FirstName: `First${i + j}`,
      LastName: `Last${i + j}`,
      Email: `p${i + j}@bench.example`,
      MailingCity: (i + j) % 3 === 0 ? 'Paris' : null,
      DoNotCall: (i + j) % 10 === 0,
    }));
    await emu.control.createRecords('acme', 'Contact', batch);
  }
  const fieldTypes: Record<string, string> = Object.fromEntries(
    (await client.describe('Contact')).fields.map((f) => [f.name, f.type]),
  );
  await emu.control.setLatency(LATENCY_MS);
  const used = async () =>
    (await emu.control.state()).orgs.find((o) => o.alias === 'acme')?.apiUsage.used ?? 0;

  async function measure(name: string, read: () => AsyncIterable<AsyncIterable<unknown[]> | unknown[][]>) {
    globalThis.gc?.();
    let peak = process.memoryUsage().rss;
    let heap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      heap = Math.max(heap, m.heapUsed);
    }, 20);
    const calls = await used();
    const t0 = performance.now();
    let rows = 0;
    for await (const page of read()) for await (const batch of page) rows += batch.length;
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const spent = (await used()) - calls;
    out(`| ${name} | ${rows} | ${(ms / 1000).toFixed(2)} s | ${spent} | ${mb(peak)} | ${mb(heap)} |`);
  }

  globalThis.gc?.();
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  out(`${RECORDS} Contacts, ${LATENCY_MS} ms latency per call, Bulk page ${PAGE_SIZE}`);
  out(`client RSS before reading: ${mb(process.memoryUsage().rss)}`);
  out('| read | rows | wall | API calls | peak RSS | peak heap |');
  out('|---|---|---|---|---|---|');
  await measure('REST paging', async function* () {
    for await (const page of client.queryPages(SOQL)) yield [page.records];
  });
  await measure('Bulk API 2.0', async function* () {
    const pages = client.bulkQueryPages(SOQL, {
      fieldTypes,
      pageSize: PAGE_SIZE,
      poll: { initialMs: 100, maxMs: 1000 },
    });
    for await (const page of pages) yield page.batches;
  });
} finally {
  child.kill('SIGTERM');
}
