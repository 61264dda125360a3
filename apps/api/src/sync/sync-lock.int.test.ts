import { createTestDatabase } from '@ch/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRunLocks, type RunLocks } from './sync-lock.ts';

// Two workers' run locks on one database, as two engines hold them.
let url = '';
let drop = async () => {};
let admin: pg.Client;
const open: RunLocks[] = [];
const locks = (max = 2) => {
  const created = createRunLocks(url, max);
  open.push(created);
  return created;
};

beforeAll(async () => {
  const database = await createTestDatabase(inject('dbServerUrl'));
  url = database.url;
  drop = database.drop;
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
});
afterAll(async () => {
  await Promise.all(open.map((l) => l.close()));
  await admin.end();
  await drop();
});

/** Backends of this database holding an advisory lock now. */
const lockHolders = async () =>
  (
    await admin.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND a.datname = current_database()`,
    )
  ).rows.map((row) => row.pid);

describe('run locks', () => {
  it('one run of a sync at a time across workers; the lock is free again once the run ends', async () => {
    const [a, b] = [locks(), locks()];
    const seen: unknown[] = [];
    const first = await a.hold('sync-1', async () => {
      seen.push(await b.hold('sync-1', async () => 'ran'));
      // Another sync is not blocked by it.
      seen.push(await b.hold('sync-2', async () => 'other ran'));
      return 'first ran';
    });
    expect([first, ...seen]).toEqual(['first ran', 'busy', 'other ran']);
    expect(await b.hold('sync-1', async () => 'ran after')).toBe('ran after');
    expect(await lockHolders()).toEqual([]);
  });

  it('a pooled connection serves the next run without the lock of the last', async () => {
    const [a, b] = [locks(1), locks()];
    const holders: number[][] = [];
    await a.hold('sync-3', async () => {
      holders.push(await lockHolders());
    });
    // The same single connection runs another sync: sync-3 must be free for another worker meanwhile.
    const inner = await a.hold('sync-4', async () => {
      holders.push(await lockHolders());
      return b.hold('sync-3', async () => 'sync-3 free');
    });
    expect(inner).toBe('sync-3 free');
    // One backend each time, the same one: the connection was kept, its lock was not.
    expect(holders[0]).toHaveLength(1);
    expect(holders[1]).toEqual(holders[0]);
  });

  it('a run that throws releases its lock and passes the error on', async () => {
    const [a, b] = [locks(1), locks()];
    await expect(
      a.hold('sync-5', async () => {
        throw new Error('the poll failed');
      }),
    ).rejects.toThrow('the poll failed');
    expect(await b.hold('sync-5', async () => 'free')).toBe('free');
    expect(await lockHolders()).toEqual([]);
  });

  it('a lock connection that dies mid-run aborts the run, frees the lock and is not reused', async () => {
    const [a, b] = [locks(1), locks()];
    const outcome = await a.hold('sync-6', async (lost) => {
      const [holder] = await lockHolders();
      await admin.query('SELECT pg_terminate_backend($1)', [holder]);
      await new Promise<void>((resolve) => {
        if (lost.aborted) resolve();
        lost.addEventListener('abort', () => resolve());
      });
      // The lock went with the connection: another worker may run the sync now.
      return b.hold('sync-6', async () => 'taken over');
    });
    expect(outcome).toBe('taken over');
    // The pool's one connection was dropped, not handed on dead: the next run works.
    expect(await a.hold('sync-7', async () => 'next run')).toBe('next run');
  });
});
