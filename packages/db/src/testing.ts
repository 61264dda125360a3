import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.ts';
import { applyMigrations } from './migrate.ts';

const TEMPLATE = 'ch_test_template';

/**
 * For a test run's global setup: a PostgreSQL server (TEST_DATABASE_URL's, or an embedded one on a
 * free port) holding a template database with every migration applied. Each test file then clones
 * the template (CREATE DATABASE ... TEMPLATE is a file copy: milliseconds), so no test sees
 * another's rows.
 */
export async function startTestDatabaseServer(): Promise<{ serverUrl: string; stop(): Promise<void> }> {
  const external = process.env.TEST_DATABASE_URL;
  let serverUrl: string;
  let stopServer = async () => {};
  if (external) {
    serverUrl = external.replace(/\/[^/]*$/, '');
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'ch-test-pg-'));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
    serverUrl = server.serverUrl;
    stopServer = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await withAdmin(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
    await client.query(`CREATE DATABASE ${TEMPLATE}`);
  });
  await applyMigrations(`${serverUrl}/${TEMPLATE}`);
  return { serverUrl, stop: stopServer };
}

/** A fresh database cloned from the migrated template; `drop` removes it. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ch_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
