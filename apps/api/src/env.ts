import path from 'node:path';
import { z } from 'zod';
import { parseKeyring } from './crypto/secret-box.ts';

/** The repository root: relative paths in the environment are resolved against it. */
export const ROOT_DIR = path.resolve(import.meta.dirname, '../../..');

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Which parts this process runs: the HTTP API, the sync workers, or both. */
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /** Without it, an embedded PostgreSQL runs under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Demo organizations and users; on by default for the embedded database only. */
  SEED_DEMO: flag.optional(),
  /** The browser-facing origin; state-changing requests must come from it. */
  APP_ORIGIN: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Sessions unused for this long end, whatever their lifetime left. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60 * 30)
    .default(120),
  /**
   * Proxy hops in front of the app whose X-Forwarded-For/-Proto are believed (Express's `trust
   * proxy`): it decides the client address logins are throttled by, and Secure cookies behind TLS
   * termination. `0`/`false`: none (the socket's address counts); `1`/`true`: one.
   */
  TRUST_PROXY: z.union([flag.transform(Number), z.coerce.number().int().min(0).max(10)]).default(0),
  WEB_DIST: z.string().min(1).default('apps/web/dist'),
  /** AES-256-GCM keys for OAuth tokens at rest: `id:base64[,id:base64...]`, newest first. */
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseKeyring(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** The Salesforce connected app. Without it the local Salesforce emulator stands in. */
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where Salesforce sends the browser back; must equal the connected app's callback URL. */
  SALESFORCE_CALLBACK_URL: z.url().optional(),
  /** First back-off after a failed sync run; it doubles with each failure in a row (capped by the interval). */
  SYNC_FAILURE_BACKOFF_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  /** Retries of an idempotent Salesforce request within one run, before the run counts as failed. */
  SYNC_REQUEST_RETRIES: z.coerce.number().int().min(0).max(10).default(5),
  /** A full load of an object holding more records than this reads them with Bulk API 2.0, not REST pages. */
  SYNC_BULK_THRESHOLD: z.coerce.number().int().min(0).max(1_000_000_000).default(10_000),
  /** Most CDC subscriptions one worker process holds; the rest are left to other workers. */
  SYNC_CDC_MAX_LEASES_PER_WORKER: z.coerce.number().int().min(1).max(100_000).default(200),
  /** REST polls one worker process runs at once (each holds a run-lock connection besides the pool's). */
  SYNC_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
  /** How CDC subscriptions reach Salesforce: the Pub/Sub API (gRPC), or CometD (decision 024). */
  SALESFORCE_CDC_TRANSPORT: z.enum(['pubsub', 'cometd']).default('pubsub'),
  /** The Pub/Sub API's host:port; the emulator's own when it stands in for Salesforce. */
  SALESFORCE_PUBSUB_ENDPOINT: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port, e.g. api.pubsub.salesforce.com:7443')
    .default('api.pubsub.salesforce.com:7443'),
  /** Most due REST syncs the scheduler enqueues per tick (every 2 s); the rest wait for the next. */
  SYNC_SCHEDULER_BATCH: z.coerce.number().int().min(1).max(100_000).default(1_000),
  /** Longest wait for one Salesforce request (retries included) before it fails as transient. */
  SALESFORCE_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
  /** Connections this process keeps to PostgreSQL for its queries (pg-boss keeps its own). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Longest single SQL statement, lock wait and idle transaction on the product's connections. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** Longest wait of one migration for a lock; past it the migration fails and boot stops (decision 019). */
  MIGRATION_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Sync run history older than this is deleted (each sync's latest runs are kept whatever their age). */
  SYNC_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * On SIGTERM/SIGINT the process stops within this long: polls in flight stop at once (their
   * committed pages kept), then the job queue, the pool and the process; past it, it exits anyway.
   * Keep it under the orchestrator's grace period (Kubernetes: 30 s).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
  /** Bearer token for GET /metrics; without it /metrics is served outside production only. */
  METRICS_TOKEN: z.string().min(16).optional(),
  SALESFORCE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
  /**
   * An emulator already running (started once by `pnpm start:cluster` or `pnpm sim:scale` for all
   * its processes): this process uses it instead of starting its own.
   */
  SALESFORCE_EMULATOR_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Simulation only (`pnpm sim:scale`): REST poll intervals and their back-off cap are divided by
   * this, so 60 turns one minute into one second. Refused in production.
   */
  SYNC_INTERVAL_SCALE: z.coerce.number().min(1).max(3600).default(1),
  /** The emulator's Pub/Sub API (TLS); default the emulator's HTTP port + 1 (4011). */
  SALESFORCE_EMULATOR_PUBSUB_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  /** The emulator's control-API key (tests drive the emulator with it); random when unset. */
  SALESFORCE_EMULATOR_CONTROL_KEY: z.string().min(16).optional(),
});

export type Env = z.infer<typeof schema> & {
  appOrigin: string;
  dataDir: string;
  webDist: string;
  salesforceCallbackUrl: string;
};

/**
 * What production cannot run without, named all at once: local stand-ins (the embedded database,
 * a key generated on disk, the Salesforce emulator) are for local runs only. Read from the raw
 * environment so the list is complete even when other values are also bad.
 */
const REQUIRED_IN_PRODUCTION: Record<string, string> = {
  DATABASE_URL: 'the PostgreSQL to use (the embedded one is for local runs only)',
  TOKEN_ENCRYPTION_KEY: 'the keys OAuth tokens are encrypted with',
  SALESFORCE_CLIENT_ID: "the Salesforce connected app's consumer key (the emulator is for local runs only)",
  SALESFORCE_CLIENT_SECRET: "the Salesforce connected app's consumer secret",
};

function missingInProduction(source: NodeJS.ProcessEnv): string[] {
  if (source.NODE_ENV !== 'production') return [];
  return Object.entries(REQUIRED_IN_PRODUCTION)
    .filter(([name]) => !source[name])
    .map(([name, what]) => `  ${name}: required in production: ${what}`);
}

/** Parses the environment once; a bad value stops boot naming every problem at once. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  const problems = missingInProduction(source);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`));
  } else if (source.NODE_ENV === 'production' && parsed.data.SYNC_INTERVAL_SCALE !== 1) {
    problems.push('  SYNC_INTERVAL_SCALE: for simulations only; unset it in production');
  }
  if (
    parsed.success &&
    // In production the list above already names the missing half.
    source.NODE_ENV !== 'production' &&
    !!parsed.data.SALESFORCE_CLIENT_ID !== !!parsed.data.SALESFORCE_CLIENT_SECRET
  ) {
    problems.push('  SALESFORCE_CLIENT_SECRET: set together with SALESFORCE_CLIENT_ID');
  }
  if (!parsed.success || problems.length > 0) throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  const env = parsed.data;
  const appOrigin = env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    appOrigin,
    salesforceCallbackUrl:
      env.SALESFORCE_CALLBACK_URL ?? `${appOrigin}/api/integrations/salesforce/oauth/callback`,
    dataDir: path.resolve(ROOT_DIR, env.DATA_DIR),
    webDist: path.resolve(ROOT_DIR, env.WEB_DIST),
  };
}
