// The engine's dependencies for a benchmark, apart from harness.ts: a load's own process
// (bench/load-process.ts) imports only this and the engine, not the emulator or the bench's tools,
// so its RSS is what a worker running the load holds.
import { createDb } from '@ch/db';
import { pino } from 'pino';
import { createSecretBox } from '../src/crypto/secret-box.ts';
import type { Deps } from '../src/deps.ts';
import { loadEnv } from '../src/env.ts';
import { createMetrics } from '../src/metrics/registry.ts';

/** Where a benchmark's processes find the database and the emulator (bench/load-process.ts). */
export interface BenchTarget {
  databaseUrl: string;
  /** The secret box's key: a child process decrypts the organization's Salesforce tokens with it. */
  secretKey: string;
  emulatorUrl: string;
  /** The connected app the organization signed in with (the emulator's default one). */
  app: { clientId: string; clientSecret: string };
  dbPoolMax?: number | undefined;
}

/** The engine's dependencies against a bench's database and emulator (here or in a child process). */
export function benchDeps(
  target: BenchTarget,
  emulator?: { pubsub?: { endpoint: string; certificate: string } | undefined },
): Deps {
  const db = createDb(target.databaseUrl, { max: target.dbPoolMax ?? 8 });
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: target.databaseUrl, LOG_LEVEL: 'warn' });
  return {
    db,
    env,
    logger: pino({ level: 'warn' }),
    secretBox: createSecretBox(target.secretKey),
    salesforceApp: {
      clientId: target.app.clientId,
      clientSecret: target.app.clientSecret,
      callbackUrl: env.salesforceCallbackUrl,
      emulatorUrl: target.emulatorUrl,
      // An emulator in its own process (the Bulk rows) is reached over REST only.
      ...(emulator?.pubsub
        ? { pubsub: { endpoint: emulator.pubsub.endpoint, ca: emulator.pubsub.certificate } }
        : {}),
    },
    metrics: createMetrics(db),
  };
}
