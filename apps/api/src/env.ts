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
  /** Most CDC subscriptions one worker process holds; the rest are left to other workers. */
  SYNC_CDC_MAX_LEASES_PER_WORKER: z.coerce.number().int().min(1).max(100_000).default(200),
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
  /** Bearer token for GET /metrics; without it /metrics is served outside production only. */
  METRICS_TOKEN: z.string().min(16).optional(),
  SALESFORCE_EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535).default(4010),
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

/** Parses the environment once; a bad value stops boot naming every problem at once. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !env.TOKEN_ENCRYPTION_KEY) {
    problems.push('  TOKEN_ENCRYPTION_KEY: required in production (OAuth tokens are encrypted with it)');
  }
  if (env.NODE_ENV === 'production' && !env.SALESFORCE_CLIENT_ID) {
    problems.push('  SALESFORCE_CLIENT_ID: required in production (the emulator is for local runs only)');
  }
  if (!!env.SALESFORCE_CLIENT_ID !== !!env.SALESFORCE_CLIENT_SECRET) {
    problems.push('  SALESFORCE_CLIENT_SECRET: set together with SALESFORCE_CLIENT_ID');
  }
  if (problems.length > 0) throw new Error(`Invalid environment:\n${problems.join('\n')}`);
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
