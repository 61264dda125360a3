import path from 'node:path';
import { applyMigrations, createDb, type Db, ensureDatabase, startEmbeddedPostgres } from '@ch/db';
import type { Logger } from 'pino';
import type { Env } from './env.ts';

export interface Database {
  db: Db;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'cloverhound';

/** DATABASE_URL when given; otherwise an embedded PostgreSQL kept under DATA_DIR across restarts. */
export async function openDatabase(env: Env, logger: Logger): Promise<Database> {
  let url = env.DATABASE_URL;
  let stopServer = async () => {};
  if (!url) {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(env.dataDir, 'postgres'),
      persistent: true,
      onLog: (line) => logger.debug({ postgres: line.trim() }),
    });
    stopServer = server.stop;
    await ensureDatabase(server.serverUrl, EMBEDDED_DB_NAME);
    url = `${server.serverUrl}/${EMBEDDED_DB_NAME}`;
  }
  try {
    const applied = await applyMigrations(url, undefined, { lockTimeoutMs: env.MIGRATION_LOCK_TIMEOUT_MS });
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  } catch (error) {
    await stopServer();
    throw error;
  }
  const db = createDb(url, {
    max: env.DB_POOL_MAX,
    timeouts: {
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: env.DB_LOCK_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  });
  return {
    db,
    url,
    embedded: !env.DATABASE_URL,
    close: async () => {
      await db.$disconnect();
      await stopServer();
    },
  };
}
