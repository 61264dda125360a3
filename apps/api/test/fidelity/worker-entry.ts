// A sync worker process for the two-worker test: the real engine (pg-boss polls and the CDC
// supervisor) against the test database, with its own worker id. Started with `node --import tsx`.
// Env: DATABASE_URL, TOKEN_ENCRYPTION_KEY (the test's key, to open the stored token), WORKER_ID,
// CDC_LEASE_MS, PUBSUB_ENDPOINT and PUBSUB_CA (the emulator's Pub/Sub API and its certificate). Tells its parent "ready" over IPC; SIGTERM stops it cleanly, SIGKILL is a crash.
import { createDb } from '@ch/db';
import { DEFAULT_APP } from '@ch/salesforce-emulator';
import { pino } from 'pino';
import { createSecretBox } from '../../src/crypto/secret-box.ts';
import type { Deps } from '../../src/deps.ts';
import { loadEnv } from '../../src/env.ts';
import { createMetrics } from '../../src/metrics/registry.ts';
import { startEngine } from '../../src/sync/engine.ts';

const databaseUrl = process.env.DATABASE_URL!;
const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
const db = createDb(databaseUrl, { max: 4 });
const deps: Deps = {
  db,
  env,
  logger: pino({ level: 'warn' }, process.stderr),
  secretBox: createSecretBox(process.env.TOKEN_ENCRYPTION_KEY!),
  salesforceApp: {
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    callbackUrl: env.salesforceCallbackUrl,
    pubsub: { endpoint: process.env.PUBSUB_ENDPOINT!, ca: process.env.PUBSUB_CA! },
  },
  metrics: createMetrics(db),
};
const engine = await startEngine(deps, {
  databaseUrl,
  tickMs: 200,
  retry: { maxRetries: 1, minTimeoutMs: 10 },
  cdc: {
    workerId: process.env.WORKER_ID!,
    tickMs: 200,
    leaseMs: Number(process.env.CDC_LEASE_MS ?? 2_000),
    backoff: { minMs: 20, maxMs: 200 },
  },
});
process.send?.('ready');
process.once('SIGTERM', () => {
  void engine
    .stop()
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
