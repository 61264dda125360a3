import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Db } from './client.ts';

/** prisma/migrations beside the repository root, whichever package asks. */
export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../prisma/migrations');

// An arbitrary constant: every process that migrates takes this lock, so two processes booting
// against one database at once apply each migration once.
const MIGRATION_LOCK_ID = 72_707_369;
const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
// SQLSTATE of a lock wait cut short by lock_timeout.
const LOCK_NOT_AVAILABLE = '55P03';
const RETRY_LOCK_MS = 200;
/**
 * A migration whose first line is this runs outside a transaction (decision 027), for statements
 * PostgreSQL refuses inside one (`CREATE INDEX CONCURRENTLY`). Its statements end with `;` at the
 * end of a line and run one by one (no `$$` bodies); each must be safe to run again, since one that
 * fails leaves those before it applied and the next boot starts the migration over.
 */
export const NO_TRANSACTION_MARKER = '-- migrate: no-transaction';

/** The statements of a no-transaction migration: split at a `;` that ends a line. */
export function statementsOf(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}

/**
 * Applies pending migrations from `prisma/migrations/*\/migration.sql`, each in its own
 * transaction (or, marked NO_TRANSACTION_MARKER, statement by statement), and records them in Prisma's own `_prisma_migrations` table (same columns and
 * SHA-256 checksums), so the stock Prisma CLI still agrees on a machine that can run it.
 * Why not the CLI or its schema engine: see docs/decisions/002-migration-runner.md.
 *
 * Each migration waits at most `lockTimeoutMs` for a lock (decision 019): an ALTER queued behind a
 * long transaction would otherwise make every writer of that table queue behind the ALTER. It
 * fails instead, rolled back, naming what it waited for; boot stops and the next boot retries.
 */
export async function applyMigrations(
  databaseUrl: string,
  dir = MIGRATIONS_DIR,
  { lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS }: { lockTimeoutMs?: number } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Tried, not waited on: a session waiting inside a statement holds a snapshot, and CREATE INDEX
    // CONCURRENTLY in the session holding the lock would wait for it (a deadlock).
    while (
      !(await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock($1) AS held', [MIGRATION_LOCK_ID]))
        .rows[0]?.held
    ) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_LOCK_MS));
    }
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Map(done.rows.map((row) => [row.migration_name, row.checksum]));
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const newlyApplied: string[] = [];
    for (const name of names) {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const known = applied.get(name);
      if (known !== undefined) {
        if (known !== checksum) throw new Error(`Migration ${name} was changed after it was applied`);
        continue;
      }
      const record = () =>
        client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), checksum, name],
        );
      try {
        if (sql.startsWith(NO_TRANSACTION_MARKER)) {
          await applyOutsideTransaction(client, sql, lockTimeoutMs, record);
        } else {
          await applyInTransaction(client, sql, lockTimeoutMs, record);
        }
      } catch (error) {
        throw migrationFailed(name, error, lockTimeoutMs, sql.startsWith(NO_TRANSACTION_MARKER));
      }
      newlyApplied.push(name);
    }
    return newlyApplied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
}

async function applyInTransaction(
  client: pg.Client,
  sql: string,
  lockTimeoutMs: number,
  record: () => Promise<unknown>,
): Promise<void> {
  await client.query('BEGIN');
  try {
    // SET LOCAL: this transaction only; the session's other statements are not bound by it.
    await client.query(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
    await client.query(sql);
    await record();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Each statement on its own, under the same lock_timeout; recorded once all of them succeeded. */
async function applyOutsideTransaction(
  client: pg.Client,
  sql: string,
  lockTimeoutMs: number,
  record: () => Promise<unknown>,
): Promise<void> {
  await client.query(`SET lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
  try {
    for (const statement of statementsOf(sql)) await client.query(statement);
    await record();
  } finally {
    await client.query('RESET lock_timeout');
  }
}

function migrationFailed(name: string, error: unknown, lockTimeoutMs: number, outside: boolean): Error {
  const left = outside
    ? 'the statements before this one stay applied and the migration runs again from its start'
    : 'nothing of it was applied';
  if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) {
    return new Error(
      `Migration ${name} failed: it waited over ${lockTimeoutMs} ms for a lock another session holds ` +
        `(${(error as Error).message}); ${left}. Find the holder in pg_stat_activity, ` +
        'or raise MIGRATION_LOCK_TIMEOUT_MS, and start again.',
    );
  }
  return new Error(`Migration ${name} failed: ${(error as Error).message}${outside ? ` (${left})` : ''}`);
}

/** The names of migrations in the folder that the database has not applied. */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((row) => row.migration_name));
  return names.filter((name) => !applied.has(name));
}
