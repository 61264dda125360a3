import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './client.ts';
import { type EmbeddedDatabase, ensureDatabase, startEmbeddedPostgres } from './embedded.ts';

let dir: string;
let server: EmbeddedDatabase;
let url: string;
const opened: Db[] = [];
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ch-client-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
  await ensureDatabase(server.serverUrl, 'timeouts');
  url = `${server.serverUrl}/timeouts`;
});
afterAll(async () => {
  await Promise.all(opened.map((db) => db.$disconnect()));
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

function open(timeouts: Parameters<typeof createDb>[1] = {}): Db {
  const db = createDb(url, { max: 2, ...timeouts });
  opened.push(db);
  return db;
}

async function setting(db: Db, name: string): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ value: string }[]>(`SELECT current_setting('${name}') AS value`);
  return rows[0]?.value ?? '';
}

describe('the product pool', () => {
  it('bounds statements, lock waits and idle transactions on every connection by default', async () => {
    const db = open();
    expect(await setting(db, 'statement_timeout')).toBe('2min');
    expect(await setting(db, 'lock_timeout')).toBe('1min');
    expect(await setting(db, 'idle_in_transaction_session_timeout')).toBe('1min');
    // Inside an interactive transaction too (the connection's session settings).
    await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        { value: string }[]
      >`SELECT current_setting('statement_timeout') AS value`;
      expect(rows[0]?.value).toBe('2min');
    });
  });

  it('ends a statement that runs past the statement timeout with an error instead of waiting', async () => {
    const db = open({ timeouts: { statementTimeoutMs: 200 } });
    const error = await db.$queryRaw`SELECT pg_sleep(3)`.catch((e: unknown) => e);
    expect(String(error)).toMatch(/statement timeout/);
    // The connection goes back to the pool in working order.
    expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it('ends a wait for a lock another session holds with an error', async () => {
    const db = open({ timeouts: { lockTimeoutMs: 200 } });
    await db.$executeRaw`CREATE TABLE IF NOT EXISTS held (id int PRIMARY KEY)`;
    await db.$executeRaw`INSERT INTO held VALUES (1) ON CONFLICT DO NOTHING`;
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM held WHERE id = 1 FOR UPDATE');
      const error = await db.$executeRaw`UPDATE held SET id = 1 WHERE id = 1`.catch((e: unknown) => e);
      expect(String(error)).toMatch(/lock timeout/);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it("lets an interactive transaction outlast Prisma's own 5 s default, bounded by its setting", async () => {
    // A commit 6 s after BEGIN (a page commit on a starved host) succeeds by default...
    const db = open();
    const done = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_sleep(6)`;
      return 'committed';
    });
    expect(done).toBe('committed');
    // ...and the setting still ends one that runs past it.
    const short = open({ timeouts: { transactionTimeoutMs: 300 } });
    const error = await short
      .$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_sleep(1)`;
      })
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/expired|timeout/i);
  }, 30_000);
});
