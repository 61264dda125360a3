import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from './embedded.ts';
import { applyMigrations, MIGRATIONS_DIR, NO_TRANSACTION_MARKER } from './migrate.ts';

let dir: string;
let server: EmbeddedDatabase;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ch-migrate-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A database with every migration applied, and a copy of the folder holding one more, not yet applied. */
async function migratedWithOneMore(name: string, migration: string, sql: string) {
  await ensureDatabase(server.serverUrl, name);
  const url = `${server.serverUrl}/${name}`;
  const copy = path.join(dir, `${name}-migrations`);
  await cp(MIGRATIONS_DIR, copy, { recursive: true });
  await applyMigrations(url, copy);
  await mkdir(path.join(copy, migration));
  await writeFile(path.join(copy, migration, 'migration.sql'), sql);
  return { url, copy };
}

/** Runs `during` while another session's open transaction holds what `lockSql` took. */
async function whileHeld(url: string, lockSql: string, during: () => Promise<unknown>) {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(lockSql);
  try {
    await during();
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
}

describe('applyMigrations', () => {
  it('applies every migration once, even when two processes boot at the same moment', async () => {
    await ensureDatabase(server.serverUrl, 'concurrent');
    const url = `${server.serverUrl}/concurrent`;
    const all = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory());
    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect([...a, ...b].sort()).toEqual(all.map((e) => e.name).sort());
    expect(await applyMigrations(url)).toEqual([]);
  });

  it('refuses to boot when an applied migration was edited afterwards', async () => {
    await ensureDatabase(server.serverUrl, 'edited');
    const url = `${server.serverUrl}/edited`;
    const copy = path.join(dir, 'migrations');
    await cp(MIGRATIONS_DIR, copy, { recursive: true });
    const [first] = await applyMigrations(url, copy);
    await writeFile(path.join(copy, first!, 'migration.sql'), '-- changed\n', { flag: 'a' });
    await expect(applyMigrations(url, copy)).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const { url, copy } = await migratedWithOneMore(
      'failing',
      '99999999999999_broken',
      'CREATE TABLE "Half" (id int);\nSELECT nonsense;\n',
    );
    await expect(applyMigrations(url, copy)).rejects.toThrow(/99999999999999_broken failed/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
    const recorded = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name LIKE '%broken'`,
    );
    await client.end();
    expect(half.rows[0].t).toBeNull();
    expect(recorded.rowCount).toBe(0);
  });
});

describe('applyMigrations under a held lock', () => {
  it('fails clearly past its lock_timeout instead of queueing writers behind it, and applies later', async () => {
    const { url, copy } = await migratedWithOneMore(
      'locked',
      '99999999999999_alter',
      'ALTER TABLE "Organization" ADD COLUMN "note" TEXT;\n',
    );

    // A long transaction reading the table: the ALTER needs an ACCESS EXCLUSIVE lock behind it.
    await whileHeld(url, 'SELECT count(*) FROM "Organization"', () =>
      expect(applyMigrations(url, copy, { lockTimeoutMs: 300 })).rejects.toThrow(
        /Migration 99999999999999_alter failed: it waited over 300 ms for a lock another session holds .*lock timeout.*nothing of it was applied/,
      ),
    );
    expect(await applyMigrations(url, copy, { lockTimeoutMs: 300 })).toEqual(['99999999999999_alter']);
  });
});

describe('a migration marked to run outside a transaction', () => {
  const INDEX = `${NO_TRANSACTION_MARKER}
-- A rerun after a failure must not keep an index left INVALID: drop it first.
DROP INDEX CONCURRENTLY IF EXISTS "Organization_name_idx";
CREATE INDEX CONCURRENTLY "Organization_name_idx" ON "Organization" (name);
`;
  const query = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const indexState = (url: string) =>
    query(
      url,
      `SELECT i.indisvalid AS valid FROM pg_index i WHERE i.indexrelid = to_regclass('"Organization_name_idx"')`,
    );

  it('builds an index CONCURRENTLY, statement by statement, and records the migration', async () => {
    const { url, copy } = await migratedWithOneMore('concurrently', '99999999999999_index', INDEX);
    expect(await applyMigrations(url, copy)).toEqual(['99999999999999_index']);
    expect(await indexState(url)).toEqual([{ valid: true }]);
    expect(await applyMigrations(url, copy)).toEqual([]);
  });

  it('waits at most lock_timeout there too, records nothing, and applies on the next try', async () => {
    const { url, copy } = await migratedWithOneMore('concurrently-locked', '99999999999999_index', INDEX);
    // SHARE conflicts with the SHARE UPDATE EXCLUSIVE lock an index build takes.
    await whileHeld(url, 'LOCK TABLE "Organization" IN SHARE MODE', () =>
      expect(applyMigrations(url, copy, { lockTimeoutMs: 300 })).rejects.toThrow(
        /Migration 99999999999999_index failed: it waited over 300 ms for a lock .*lock timeout.*runs again from its start/,
      ),
    );
    expect(
      await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_index'`),
    ).toEqual([]);
    expect(await applyMigrations(url, copy, { lockTimeoutMs: 300 })).toEqual(['99999999999999_index']);
    expect(await indexState(url)).toEqual([{ valid: true }]);
  });
});
