import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ensureDatabase, startEmbeddedPostgres } from '@ch/db';
import { withWorkerV8Flags } from './worker-node-options.ts';

/** The repository root: the API's entry point and DATA_DIR are resolved against it. */
export const ROOT = path.resolve(import.meta.dirname, '../../../..');
const API_ENTRY = path.join(ROOT, 'apps/api/src/main.ts');
/**
 * CLUSTER_COMPILED=1: each process runs the production build (`pnpm build` first) with plain node,
 * as `pnpm start:prod` does, instead of the TypeScript through tsx (whose compiler and caches live
 * in every process: more memory than production uses).
 */
const entryArgs = () =>
  process.env.CLUSTER_COMPILED === '1'
    ? [
        '--conditions=compiled',
        '--no-experimental-strip-types',
        '--enable-source-maps',
        path.join(ROOT, 'apps/api/dist/main.js'),
      ]
    : ['--import', 'tsx', API_ENTRY];
/** A process that has not exited this long after SIGTERM is killed (the API's own drain is ~40 s at most). */
const STOP_GRACE_MS = 45_000;

export interface ClusterOptions {
  /** Environment every process gets (the caller's, plus overrides). */
  env: NodeJS.ProcessEnv;
  /** DATA_DIR: the embedded PostgreSQL, the token key and the emulator's state live under it. */
  dataDir: string;
  /** The embedded server keeps its data (`pnpm start:cluster`) or is thrown away on stop (the simulation). */
  persistent: boolean;
  /** Where each process's lines go, already prefixed with its name. */
  log?: (line: string) => void;
}

export interface ClusterProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * The shared parts of a multi-process run, started once here for every process: PostgreSQL (the
 * embedded one unless DATABASE_URL is given), the token key and, when no connected app is
 * configured, one Salesforce emulator that every process reaches by SALESFORCE_EMULATOR_URL.
 * Then any number of API and worker processes, each a plain `main.ts` with its ROLE.
 */
export async function startShared(options: ClusterOptions) {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env: NodeJS.ProcessEnv = { ...options.env, DATA_DIR: options.dataDir };
  let stopDatabase = async () => {};
  let emulatorClose = async () => {};
  if (!env.DATABASE_URL) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, 'postgres'),
      persistent: options.persistent,
    });
    stopDatabase = server.stop;
    await ensureDatabase(server.serverUrl, 'cloverhound');
    env.DATABASE_URL = `${server.serverUrl}/cloverhound`;
    // The embedded database is the demo's: seeded on first start, by the API process only.
    env.SEED_DEMO ??= '1';
    log(`[cluster] embedded PostgreSQL on port ${server.port}`);
  }
  // One key for all: each process generating its own under DATA_DIR would race.
  env.TOKEN_ENCRYPTION_KEY ??= await localTokenKey(options.dataDir);
  if (!env.SALESFORCE_CLIENT_ID && !env.SALESFORCE_EMULATOR_URL) {
    const { startEmulator } = await import('@ch/salesforce-emulator');
    const port = Number(env.PORT ?? 3000);
    const origin = env.APP_ORIGIN ?? `http://localhost:${port}`;
    const controlKey = env.SALESFORCE_EMULATOR_CONTROL_KEY ?? randomBytes(24).toString('base64url');
    const emulator = await startEmulator({
      port: Number(env.SALESFORCE_EMULATOR_PORT ?? 4010),
      controlKey,
      callbackUrls: [env.SALESFORCE_CALLBACK_URL ?? `${origin}/api/integrations/salesforce/oauth/callback`],
      ...(options.persistent
        ? {
            persist: {
              dir: path.join(options.dataDir, 'salesforce-emulator'),
              log: (_level: string, message: string) => log(`[emulator] ${message}`),
            },
          }
        : {}),
    });
    emulatorClose = () => emulator.close();
    env.SALESFORCE_EMULATOR_URL = emulator.url;
    // The processes reach the shared emulator by URL only, not its Pub/Sub certificate (generated
    // in this process at start), so its CDC runs over CometD here unless told otherwise.
    env.SALESFORCE_CDC_TRANSPORT ??= 'cometd';
    env.SALESFORCE_EMULATOR_CONTROL_KEY = controlKey;
    log(`[cluster] one Salesforce emulator for all processes at ${emulator.url}`);
  }

  const processes = new Map<string, ClusterProcess>();
  const width = 10;
  /** Starts `main.ts` as `name` with this ROLE; its output lines are prefixed with the name. */
  const start = (name: string, role: 'api' | 'worker', extra: NodeJS.ProcessEnv = {}): ClusterProcess => {
    const child = spawn(process.execPath, entryArgs(), {
      cwd: ROOT,
      env: { ...env, ROLE: role, ...extra, ...(role === 'worker' ? workerEnv({ ...env, ...extra }) : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `[${name}]`.padEnd(width);
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => log(`${prefix} ${line}`));
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const proc = { name, child, exited };
    processes.set(name, proc);
    void exited.then((code) => {
      if (processes.get(name) === proc) processes.delete(name);
      log(`${prefix} exited (${code ?? child.signalCode})`);
    });
    return proc;
  };

  let stopping: Promise<void> | undefined;
  /** SIGTERM to every process (each drains: requests, polls, subscriptions), then the emulator, then PostgreSQL. */
  const stop = () => {
    stopping ??= (async () => {
      const running = [...processes.values()];
      for (const proc of running) proc.child.kill('SIGTERM');
      await Promise.all(
        running.map(async (proc) => {
          const timer = setTimeout(() => proc.child.kill('SIGKILL'), STOP_GRACE_MS);
          await proc.exited;
          clearTimeout(timer);
        }),
      );
      await emulatorClose();
      await stopDatabase();
    })();
    return stopping;
  };

  return { env, databaseUrl: env.DATABASE_URL as string, processes, start, stop };
}

export type Cluster = Awaited<ReturnType<typeof startShared>>;

/** The key a single local process generates under DATA_DIR (token-key.ts), made once here for all. */
async function localTokenKey(dataDir: string): Promise<string> {
  const { resolveTokenKeyring } = await import('../../src/token-key.ts');
  return resolveTokenKeyring({ dataDir } as Parameters<typeof resolveTokenKeyring>[0]);
}

/**
 * A worker's own settings: it seeds nothing, and its V8 heap is bounded as in the production
 * compose file (worker-node-options.ts), each flag unless the caller's NODE_OPTIONS sets it.
 */
function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { SEED_DEMO: '0', NODE_OPTIONS: withWorkerV8Flags(env.NODE_OPTIONS ?? '') };
}
