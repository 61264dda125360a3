import { createDb, type Db, type Prisma } from '@ch/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readChanges, type Scope } from '../../src/modules/data-sources/record-queries.ts';
import { applyRecords } from '../../src/sync/record-store.ts';
import { useTestContext } from '../context.ts';
import { waitFor } from '../sync-support.ts';

// Issue #18 item 3: with writers of one (organization, object) in flight at once, the change feed
// must hand out every change exactly once: never a seq while a lower one is still uncommitted.

const ctx = useTestContext();
let db: Db;
let scope: Scope;

const apply = (tx: Prisma.TransactionClient, ids: string[]) =>
  applyRecords(
    tx,
    scope.organizationId,
    scope.object,
    ids.map((id) => ({ id, fields: { LastName: id }, modstamp: new Date(), deleted: false })),
    { merge: false },
  );

/** Reads the feed from `after` until it returns nothing; appends what it read to `seen`. */
async function drain(after: bigint, seen: { id: string; seq: bigint }[]): Promise<bigint> {
  let cursor = after;
  for (;;) {
    const rows = await readChanges(db, scope, cursor, 50);
    if (rows.length === 0) return cursor;
    seen.push(...rows.map((row) => ({ id: row.id, seq: row.seq })));
    cursor = rows.at(-1)!.seq;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LONG = { timeout: 30_000, maxWait: 30_000 };

beforeAll(async () => {
  // Writers and the reader each need a connection of their own.
  db = createDb(ctx.databaseUrl, { max: 12 });
  scope = { organizationId: await ctx.orgId('Demo Org'), object: 'CONTACT', filter: {} };
});

afterAll(async () => {
  await db?.$disconnect();
});

beforeEach(async () => {
  await ctx.db.salesforceRecord.deleteMany();
});

describe('the change feed with overlapping writers of one scope', () => {
  it('does not pass a seq still held by an uncommitted writer', async () => {
    const seen: { id: string; seq: bigint }[] = [];
    const bApplied = deferred();
    const gate = deferred();
    let writerB: Promise<unknown> = Promise.resolve();
    await db.$transaction(async (txA) => {
      await apply(txA, ['a1']);
      writerB = db.$transaction(async (txB) => {
        await apply(txB, ['b1']);
        bApplied.resolve();
        await gate.promise;
      }, LONG);
      // B either drew its seq already or waits for A's scope lock.
      const waiting = async () =>
        (
          await ctx.db.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`
        )[0]!.n > 0;
      await Promise.race([bApplied.promise, waitFor('writer B to wait for the scope', waiting)]);
      await apply(txA, ['a2']);
    }, LONG);
    // A committed; B has not. The reader must not move past anything B may still commit.
    const cursor = await drain(0n, seen);
    gate.resolve();
    await writerB;
    await drain(cursor, seen);
    expect(seen.map((row) => row.id).sort()).toEqual(['a1', 'a2', 'b1']);
  });

  it('hands every change out exactly once, in seq order, with four writers and a reader at once', async () => {
    const written: string[] = [];
    let writing = true;
    const writer = async (w: number) => {
      for (let t = 0; t < 12; t++) {
        const ids = [0, 1, 2].map((step) => `w${w}t${t}s${step}`);
        await db.$transaction(async (tx) => {
          for (const id of ids) {
            await apply(tx, [id]);
            await sleep(Math.random() * 4);
          }
        }, LONG);
        written.push(...ids);
      }
    };
    const seen: { id: string; seq: bigint }[] = [];
    const reader = async () => {
      let cursor = 0n;
      while (writing) cursor = await drain(cursor, seen);
      await drain(cursor, seen);
    };
    const reading = reader();
    await Promise.all([0, 1, 2, 3].map(writer));
    writing = false;
    await reading;

    const ids = seen.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(written.sort());
    const seqs = seen.map((row) => row.seq);
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
  }, 60_000);
});
