import path from 'node:path';
import { z } from 'zod';

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
  /** Honour X-Forwarded-* from one proxy hop (needed for Secure cookies behind TLS termination). */
  TRUST_PROXY: flag.default(false),
  WEB_DIST: z.string().min(1).default('apps/web/dist'),
});

export type Env = z.infer<typeof schema> & { appOrigin: string; dataDir: string; webDist: string };

/** Parses the environment once; a bad value stops boot naming every problem at once. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  const env = parsed.data;
  return {
    ...env,
    appOrigin: env.APP_ORIGIN ?? `http://localhost:${env.PORT}`,
    dataDir: path.resolve(ROOT_DIR, env.DATA_DIR),
    webDist: path.resolve(ROOT_DIR, env.WEB_DIST),
  };
}
