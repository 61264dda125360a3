import type { Server } from 'node:http';
import { createApp } from './app.ts';
import { printBanner } from './banner.ts';
import { openDatabase } from './database.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { createMetrics } from './modules/metrics/registry.ts';
import { createSecretBox } from './modules/oauth-tokens/secret-box.ts';
import { resolveTokenKeyring } from './modules/oauth-tokens/token-key.ts';
import { setUpSalesforce } from './salesforce-setup.ts';
import { seedDemo } from './seed/demo.ts';
import { startEngine } from './sync/engine.ts';

// Boot: env -> database (migrated) -> demo seed -> Salesforce -> HTTP server; signals undo it in reverse.
const env = (() => {
  try {
    return loadEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
const logger = createLogger(env.LOG_LEVEL);
const database = await openDatabase(env, logger);
const seeded = (env.SEED_DEMO ?? database.embedded) ? await seedDemo(database.db) : false;
const secretBox = createSecretBox(await resolveTokenKeyring(env));
const salesforce = await setUpSalesforce(env, logger);

const deps = {
  db: database.db,
  env,
  logger,
  secretBox,
  salesforceApp: salesforce.app,
  metrics: createMetrics(database.db),
};
const engine = env.ROLE === 'api' ? undefined : await startEngine(deps, { databaseUrl: database.url });

let server: Server | undefined;
if (env.ROLE !== 'worker') {
  const app = createApp(deps);
  server = app.listen(env.PORT, env.HOST);
  await new Promise<void>((resolve, reject) => {
    server?.once('listening', resolve).once('error', reject);
  });
}
printBanner({ env, embedded: database.embedded, seeded, salesforceApp: salesforce.app });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting, let requests in flight finish (bounded), then close the pool and PostgreSQL.
  const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeIdleConnections();
  const deadline = setTimeout(() => server?.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(deadline);
  await engine?.stop();
  await salesforce.close();
  await database.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
