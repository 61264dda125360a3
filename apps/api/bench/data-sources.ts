// Benchmark (not part of the test command): node --import tsx apps/api/bench/data-sources.ts
// On an embedded PostgreSQL with 100,000 local records per object: records read per second through
// GET /api/v1/data-sources/:id/records beside one plain SQL read of the same rows, with the default
// fields and with 50 fields (data-source-reads.ts); and Tasks written per second by the write-back
// worker against the local Salesforce emulator beside raw composite calls of 200. Loopback only;
// every loop is bounded.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, createDb, ensureDatabase, startEmbeddedPostgres } from '@ch/db';
import { DEFAULT_APP, startEmulator } from '@ch/salesforce-emulator';
import pg from 'pg';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../src/app.ts';
import { createSecretBox, generateKey } from '../src/crypto/secret-box.ts';
import type { Deps } from '../src/deps.ts';
import { loadEnv } from '../src/env.ts';
import { createMetrics } from '../src/metrics/registry.ts';
import { generateApiKey } from '../src/modules/api-keys/api-key-secret.ts';
import { runWriteBackOnce } from '../src/modules/call-activities/write-back.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';
import { connectSalesforce } from '../test/salesforce-sign-in.ts';
import { benchRecordReads } from './data-source-reads.ts';

const TASKS = 2_000;
const out = (line: string) => process.stdout.write(`${line}\n`);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

const dir = await mkdtemp(path.join(tmpdir(), 'ch-bench-'));
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
const url = `${server.serverUrl}/bench`;
await ensureDatabase(server.serverUrl, 'bench');
await applyMigrations(url);
const db = createDb(url, { max: 8 });
const plain = new pg.Client({ connectionString: url });
await plain.connect();
const stops: (() => Promise<unknown>)[] = [];
try {
  await seedDemo(db);
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    APP_ORIGIN: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
  });
  const emulator = await startEmulator({ port: 0, callbackUrls: [env.salesforceCallbackUrl] });
  stops.push(() => emulator.close());
  const secretBox = createSecretBox(generateKey('bench'));
  const deps: Deps = {
    db,
    env,
    logger: pino({ level: 'silent' }),
    secretBox,
    salesforceApp: {
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      callbackUrl: env.salesforceCallbackUrl,
      emulatorUrl: emulator.url,
    },
    metrics: createMetrics(db),
  };
  const app = createApp(deps);
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  stops.push(() => new Promise((resolve) => http.close(resolve)));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const admin = request.agent(app).set('Origin', env.appOrigin);
  await admin.post('/api/auth/login').send({ email: 'admin@demo.test', password: DEMO_PASSWORD }).expect(204);
  await connectSalesforce(admin, 'integration.user@acme.example');
  const org = (await db.organization.findFirstOrThrow({ where: { name: 'Demo Org' } })).id;
  const { key, hash, prefix } = generateApiKey();
  await db.apiKey.create({
    data: { organizationId: org, name: 'bench', hash, prefix, scopes: ['data-sources:read'] },
  });
  await benchRecordReads({ db, plain, base, key, org });

  out(`Tasks: ${TASKS} call activities against the emulator`);
  const now = new Date();
  await db.callActivity.createMany({
    data: Array.from({ length: TASKS }, (_, i) => ({
      organizationId: org,
      callId: `bench-worker-${i}`,
      recordId: `003${String(i + 1).padStart(15, '0')}`,
      direction: 'OUTBOUND' as const,
      startedAt: now,
      durationSeconds: 60,
      disposition: 'Connected',
    })),
  });
  let started = performance.now();
  let sent = 0;
  for (let pass = 0; pass < TASKS / 200 + 5; pass++) {
    const outcome = await runWriteBackOnce(deps, { batchSize: 200 });
    sent += outcome.sent;
    if (outcome.claimed === 0) break;
  }
  const workerMs = performance.now() - started;
  const token = await db.oAuthToken.findFirstOrThrow({ where: { organizationId: org } });
  const access = secretBox.open(token.accessTokenEnc);
  started = performance.now();
  let direct = 0;
  for (let batch = 0; batch < TASKS / 200; batch++) {
    const records = Array.from({ length: 200 }, (_, i) => ({
      attributes: { type: 'Task' },
      Subject: 'Call',
      TaskSubtype: 'Call',
      Status: 'Completed',
      CallObject: `bench-direct-${batch * 200 + i}`,
      CallType: 'Outbound',
      CallDurationInSeconds: 60,
    }));
    const res = await fetch(`${token.instanceUrl}/services/data/v62.0/composite/sobjects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, records }),
    });
    direct += ((await res.json()) as { success: boolean }[]).filter((r) => r.success).length;
  }
  const directMs = performance.now() - started;
  out(
    `  worker (claim, CallObject check, composite, record): ${sent} Tasks in ${workerMs.toFixed(0)} ms = ${rate(sent, workerMs)} Tasks/s`,
  );
  out(
    `  direct composite calls of 200                   : ${direct} Tasks in ${directMs.toFixed(0)} ms = ${rate(direct, directMs)} Tasks/s`,
  );
  out(`  ratio direct / worker: ${(workerMs / directMs).toFixed(1)}x`);
} finally {
  for (const stop of stops.reverse()) await stop();
  await plain.end();
  await db.$disconnect();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
