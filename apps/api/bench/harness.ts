// Shared set-up for the benchmarks: a throwaway embedded PostgreSQL, the emulator, and an
// organization connected to the emulator's Acme org through the real OAuth flow.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { applyMigrations, ensureDatabase, startEmbeddedPostgres } from '@ch/db';
import type { SalesforceRecord } from '@ch/salesforce';
import { DEFAULT_APP, type RunningEmulator, startEmulator } from '@ch/salesforce-emulator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateKey } from '../src/crypto/secret-box.ts';
import { loadEnv } from '../src/env.ts';
import { pickSynced, syncedFieldsOf } from '../src/sync/fields.ts';
import { connectOrganization } from '../test/salesforce-sign-in.ts';
import { benchDeps } from './load-deps.ts';

/** What the benchmarks use of an emulator, in this process or in its own (bench/emulator-process.ts). */
export type BenchEmulator = Pick<RunningEmulator, 'url' | 'control' | 'close'> &
  Partial<Pick<RunningEmulator, 'pubsub'>>;

export async function startBench(
  options: { emulator?: (callbackUrl: string) => Promise<BenchEmulator>; dbPoolMax?: number } = {},
) {
  const dir = await mkdtemp(path.join(tmpdir(), 'ch-bench-'));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
  await ensureDatabase(server.serverUrl, 'bench');
  const databaseUrl = `${server.serverUrl}/bench`;
  await applyMigrations(databaseUrl);
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const emulator: BenchEmulator = options.emulator
    ? await options.emulator(env.salesforceCallbackUrl)
    : await startEmulator({ port: 0, records: 'none', callbackUrls: [env.salesforceCallbackUrl] });
  const secretKey = generateKey('bench');
  const deps = benchDeps(
    { databaseUrl, secretKey, emulatorUrl: emulator.url, app: DEFAULT_APP, dbPoolMax: options.dbPoolMax },
    emulator,
  );
  const { db } = deps;
  // Integrations on: the workers skip an organization whose flag is off.
  const org = await db.organization.create({
    data: { name: 'Bench Org', featureFlags: { create: [{ key: 'integrations', enabled: true }] } },
  });
  const user = await db.user.create({
    data: {
      organizationId: org.id,
      email: 'bench@bench.test',
      name: 'Bench',
      role: 'ADMIN',
      passwordHash: 'x',
    },
  });
  await connectOrganization(deps, org.id, user.id);
  return {
    deps,
    databaseUrl,
    secretKey,
    organizationId: org.id,
    emulator,
    async stop() {
      await emulator.close();
      await db.$disconnect();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates `count` Contacts at the emulator in batches of 1,000 (each one Salesforce transaction),
 * their commits spread evenly over the last 30 days as an org's history would be.
 */
export async function seedContacts(
  control: { createRecords: (...args: never[]) => Promise<unknown> },
  count: number,
): Promise<void> {
  const batch = 1000;
  const batches = Math.ceil(count / batch);
  const spanMs = 30 * 24 * 3_600_000;
  for (let b = 0; b < batches; b++) {
    const start = b * batch;
    const records = Array.from({ length: Math.min(batch, count - start) }, (_, i) => ({
      FirstName: 'Bench',
      LastName: `Contact ${start + i}`,
      Email: `bench${start + i}@acme.example`,
      Phone: `+1 415 555 ${String((start + i) % 10_000).padStart(4, '0')}`,
    }));
    const systemModstamp = new Date(Date.now() - spanMs + (b * spanMs) / batches).toISOString();
    await (control.createRecords as (...args: unknown[]) => Promise<unknown>)('acme', 'Contact', records, {
      systemModstamp,
    });
  }
}

export const seconds = (ms: number) => (ms / 1000).toFixed(2);
export const print = (line: string) => process.stdout.write(`${line}\n`);

/** REST pages as copyPages takes them: each page one batch. */
export async function* pagesAsBatches(pages: AsyncIterable<{ records: SalesforceRecord[] }>) {
  for await (const page of pages) yield { batches: [page.records] };
}

/**
 * The physical limit of a load: pages written with COPY into the record table under another
 * organization (one COPY per page, as the engine writes one transaction per page; a page's rows
 * go into its COPY batch by batch as they are read). Returns rows.
 */
export async function copyPages(
  databaseUrl: string,
  organizationId: string,
  pages: AsyncIterable<{ batches: Iterable<SalesforceRecord[]> | AsyncIterable<SalesforceRecord[]> }>,
): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const fields = syncedFieldsOf({ object: 'CONTACT', fields: null });
  let seq = 0;
  // One chunk of COPY data per batch of rows (a REST page is one batch).
  async function* chunks(batches: Iterable<SalesforceRecord[]> | AsyncIterable<SalesforceRecord[]>) {
    for await (const batch of batches) {
      const lines = batch.map((row) => {
        const json = JSON.stringify(pickSynced(fields, row)).replaceAll('\\', '\\\\');
        return `${organizationId}\tCONTACT\t${row.Id}\t${json}\t${row.SystemModstamp}\tf\t\\N\t${++seq}\n`;
      });
      yield lines.join('');
    }
  }
  try {
    for await (const page of pages) {
      await pipeline(
        Readable.from(chunks(page.batches)),
        client.query(
          copyFrom(
            'COPY "SalesforceRecord" ("organizationId", object, id, fields, "systemModstamp", deleted, "deletedAt", seq) FROM STDIN',
          ),
        ),
      );
    }
  } finally {
    await client.end();
  }
  return seq;
}
