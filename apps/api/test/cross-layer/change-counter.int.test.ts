import { createDb, type Db, type Prisma, type SyncObject } from '@ch/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesHead, readChanges, type Scope } from '../../src/modules/data-sources/record-queries.ts';
import { applyRecords } from '../../src/sync/record-store.ts';
import { useTestContext } from '../context.ts';

// Issue #17 item 6 (decision 027): the change feed's seqs come from a counter per (organization,
// object), drawn in the writer's transaction, instead of one global sequence and a transaction-id
// "settled" test that cannot work once the records are distributed by organization.

const ctx = useTestContext();
let db: Db;
let organizationId: string;
const scope = (object: SyncObject): Scope => ({ organizationId, object, filter: {} });

const apply = (tx: Prisma.TransactionClient, object: SyncObject, ids: string[]) =>
  applyRecords(
    tx,
    organizationId,
    object,
    ids.map((id) => ({ id, fields: { LastName: id }, modstamp: new Date(), deleted: false })),
    { merge: false },
  );

const counter = async (object: SyncObject) =>
  (await ctx.db.changeCounter.findUnique({ where: { organizationId_object: { organizationId, object } } }))
    ?.last ?? 0n;

beforeAll(async () => {
  db = createDb(ctx.databaseUrl, { max: 6 });
  organizationId = await ctx.orgId('Demo Org');
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('the change feed counter', () => {
  it('numbers each scope from its own counter, in the writing transaction, and the head is that counter', async () => {
    const contactsBefore = await counter('CONTACT');
    const leadsBefore = await counter('LEAD');
    await db.$transaction((tx) => apply(tx, 'CONTACT', ['c1', 'c2', 'c3']));
    await db.$transaction((tx) => apply(tx, 'LEAD', ['l1', 'l2']));
    await db.$transaction((tx) => apply(tx, 'CONTACT', ['c4']));

    const contacts = await readChanges(db, scope('CONTACT'), contactsBefore, 10);
    expect(contacts.map((row) => [row.id, row.seq - contactsBefore])).toEqual([
      ['c1', 1n],
      ['c2', 2n],
      ['c3', 3n],
      ['c4', 4n],
    ]);
    const leads = await readChanges(db, scope('LEAD'), leadsBefore, 10);
    expect(leads.map((row) => [row.id, row.seq - leadsBefore])).toEqual([
      ['l1', 1n],
      ['l2', 2n],
    ]);
    expect(await changesHead(db, scope('CONTACT'))).toBe(contactsBefore + 4n);
    expect(await changesHead(db, scope('LEAD'))).toBe(leadsBefore + 2n);
  });

  it('an open writer of another scope never holds this scope’s feed back', async () => {
    const after = await counter('CONTACT');
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let drawn!: () => void;
    const leadDrawn = new Promise<void>((resolve) => {
      drawn = resolve;
    });
    // An older transaction of the Lead scope, still open while Contacts are written and read.
    const lead = db.$transaction(
      async (tx) => {
        await apply(tx, 'LEAD', ['l-open']);
        drawn();
        await held;
      },
      { timeout: 30_000 },
    );
    try {
      await leadDrawn;
      await db.$transaction((tx) => apply(tx, 'CONTACT', ['c-after']));
      const rows = await readChanges(db, scope('CONTACT'), after, 10);
      expect(rows.map((row) => row.id)).toEqual(['c-after']);
      expect(await changesHead(db, scope('CONTACT'))).toBe(rows[0]!.seq);
    } finally {
      release();
      await lead;
    }
  });
});
