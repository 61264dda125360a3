import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createApp } from './app.ts';
import { printBanner } from './banner.ts';
import { createSecretBox } from './crypto/secret-box.ts';
import { type Database, openDatabase } from './database.ts';
import type { Env } from './env.ts';
import { createMetrics } from './metrics/registry.ts';
import { startSessionSweep } from './modules/auth/session-sweep.ts';
import { startWriteBack } from './modules/call-activities/write-back.ts';
import { listenEarly } from './modules/health/early-listener.ts';
import { setUpSalesforce } from './salesforce-setup.ts';
import { seedDemo } from './seed/demo.ts';
import { type Engine, startEngine } from './sync/engine.ts';
import { startRunRetention } from './sync/run-retention.ts';
import { resolveTokenKeyring } from './token-key.ts';

/** What boot started, in order, so that stopping can undo it in reverse (even a boot cut short). */
export interface Stack {
  server?: Server;
  database?: Database;
  engine?: Engine;
  writeBack?: { stop(): Promise<void> };
  sessionSweep?: { stop(): Promise<void> };
  runRetention?: { stop(): Promise<void> };
  salesforce?: { close(): Promise<void> };
}

/**
 * Boot: HTTP listener (liveness only) -> database (migrated) -> demo seed -> Salesforce -> workers
 * -> the app on the listener. The listener comes first so a long migration never fails a liveness
 * probe; the app is handed to it last, so no request is served before the schema is current.
 */
export async function boot(
  env: Env,
  logger: Logger,
  stack: Stack,
  { open = openDatabase }: { open?: typeof openDatabase } = {},
): Promise<void> {
  const listener = env.ROLE === 'worker' ? undefined : await listenEarly(env.PORT, env.HOST);
  stack.server = listener?.server;
  const database = await open(env, logger);
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
  if (listener) {
    stack.sessionSweep = startSessionSweep(deps);
    listener.serve(createApp(deps));
  }
  printBanner({ env, embedded: database.embedded, seeded, salesforceApp: salesforce.app });
}

/**
 * Undoes boot within `graceMs` (SHUTDOWN_GRACE_MS), with what is left of it for the pool and
 * PostgreSQL: at once, the listener stops accepting and the workers stop taking work, a poll in
 * flight stops (its committed pages kept) and CDC leases are released; requests in flight get up
 * to half the grace to finish, pg-boss's handlers the grace less a margin; then the pool closes.
 */
export async function close(stack: Stack, { graceMs = 25_000 }: { graceMs?: number } = {}): Promise<void> {
  const { server, engine, writeBack, sessionSweep, runRetention, salesforce, database } = stack;
  const drain = async () => {
    if (!server?.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = setTimeout(() => server.closeAllConnections(), Math.min(10_000, graceMs / 2));
    await closed;
    clearTimeout(deadline);
  };
  // The margin leaves time to close the pool and PostgreSQL before the grace runs out.
  const timeoutMs = Math.max(graceMs - Math.min(5_000, graceMs / 4), 500);
  await Promise.all([
    drain(),
    engine?.stop({ timeoutMs }),
    writeBack?.stop(),
    sessionSweep?.stop(),
    runRetention?.stop(),
  ]);
  await salesforce?.close();
  await database?.close();
}
