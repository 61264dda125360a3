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

/**
 * Applies pending migrations from `prisma/migrations/*\/migration.sql`, each in its own
 * transaction, and records them in Prisma's own `_prisma_migrations` table (same columns and
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
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
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
      await client.query('BEGIN');
      try {
        // SET LOCAL: this transaction only, so the advisory lock above still waits for another
        // process's migrations however long they take.
        await client.query(`SET LOCAL lock_timeout = ${Math.trunc(lockTimeoutMs)}`);
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) {
          throw new Error(
            `Migration ${name} failed: it waited over ${lockTimeoutMs} ms for a lock another session holds ` +
              `(${(error as Error).message}); nothing of it was applied. Find the holder in pg_stat_activity, ` +
              'or raise MIGRATION_LOCK_TIMEOUT_MS, and start again.',
          );
        }
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      newlyApplied.push(name);
    }
    return newlyApplied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
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
