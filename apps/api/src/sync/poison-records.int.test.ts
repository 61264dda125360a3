import { randomBytes } from 'node:crypto';
import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import {
  enableCdcContacts,
  freshRestContacts,
  localContacts,
  supervise,
  syncOf,
  waitFor,
} from '../../test/sync-support.ts';
import { runPoll } from './run-poll.ts';

const ctx = useTestContext();
const SYNCS = '/api/integrations/salesforce/syncs';
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
const NUL = String.fromCharCode(0);
const LONE_SURROGATE = String.fromCharCode(0xd800);
let admin: request.Agent;

/** An id PostgreSQL cannot index (over its 2,704-byte btree limit, random so it does not compress). */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const overLongId = () => `003${[...randomBytes(4000)].map((b) => BASE62[b % 62]).join('')}`;

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

beforeEach(async () => {
  await ctx.db.objectSync.deleteMany();
  await ctx.db.salesforceRecord.deleteMany();
});

/** In one Salesforce transaction, so one poll page / one event batch carries them all. */
async function createPoisonPage() {
  const longId = overLongId();
  const { results } = await ctx.emulator.control.createRecords('acme', 'Contact', [
    { LastName: `Nul${NUL}Person`, Email: 'nul@acme.example' },
    { LastName: 'Surrogate', Title: `Head ${LONE_SURROGATE} of Sales` },
    { LastName: 'Bad Reference', AccountId: `001${NUL}5g0000000001` },
    { Id: longId, LastName: 'Long Id' },
    { LastName: 'Valid', Email: 'valid@acme.example' },
  ]);
  const [nul, surrogate, badReference, , valid] = results.map((r) => r.id!);
  return { nul: nul!, surrogate: surrogate!, badReference: badReference!, longId, valid: valid! };
}

async function contactSync() {
  return (await admin.get(SYNCS).expect(200)).body.syncs.find(
    (s: { object: string }) => s.object === 'Contact',
  );
}

describe('one bad record never stops a sync', () => {
  it('REST: a page with unstorable records stores the rest with its cursor; skips are listed until a valid version', async () => {
    const syncId = await freshRestContacts(ctx, admin);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const loaded = await syncOf(ctx, syncId);

    const ids = await createPoisonPage();
    await runPoll(ctx.deps, syncId, FAST_RETRY);

    const sync = await syncOf(ctx, syncId);
    expect({ status: sync.status, failures: sync.consecutiveFailures }).toEqual({
      status: 'ACTIVE',
      failures: 0,
    });
    expect(sync.cursor!.getTime()).toBeGreaterThan(loaded.cursor!.getTime());
    const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { id: 'asc' } });
    expect(runs.map((r) => r.outcome)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const local = await localContacts(ctx, syncId);
    // Stored, normalized where that keeps the meaning:
    expect(local.get(ids.valid)).toMatchObject({ LastName: 'Valid', Email: 'valid@acme.example' });
    expect(local.get(ids.nul)).toMatchObject({ LastName: 'NulPerson', Name: 'NulPerson' });
    expect(local.get(ids.surrogate)).toMatchObject({ Title: 'Head \uFFFD of Sales' });
    // Skipped: an id cannot be corrected, and the over-long one is refused by the database.
    expect(local.has(ids.badReference)).toBe(false);
    expect(local.has(ids.longId)).toBe(false);

    const view = await contactSync();
    expect(view.status).toBe('active');
    expect(view.skipped.count).toBe(2);
    const reasons = Object.fromEntries(
      view.skipped.records.map((s: { recordId: string; reason: string }) => [s.recordId, s.reason]),
    );
    expect(reasons[ids.badReference]).toMatch(/^AccountId contains a NUL character or broken Unicode/);
    expect(reasons[`${ids.longId.slice(0, 99)}…`]).toBe('A value is too long for the local copy to store.');
    // The admin never reads PostgreSQL's own words.
    expect(JSON.stringify(view)).not.toMatch(/btree|index row|SQLSTATE|invalid input|unsupported Unicode/i);

    // A later valid version of the skipped record is stored and ends its skip.
    await ctx.emulator.control.updateRecords('acme', 'Contact', [{ Id: ids.badReference, AccountId: null }]);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    expect((await localContacts(ctx, syncId)).get(ids.badReference)).toMatchObject({
      LastName: 'Bad Reference',
    });
    const after = await contactSync();
    expect(after.skipped.count).toBe(1);
    expect(after.skipped.records.map((s: { recordId: string }) => s.recordId)).not.toContain(
      ids.badReference,
    );
  });

  it('CDC: an event batch with unstorable records applies the rest with its replay id; the sync stays active', async () => {
    const syncId = await enableCdcContacts(ctx, admin);
    const { supervisor } = supervise(ctx, { workerId: 'w1' });
    try {
      await waitFor('the full load and the subscription', async () => {
        const sync = await syncOf(ctx, syncId);
        return sync.fullLoadCompletedAt && sync.lastSuccessAt;
      });
      // Skips are compared by record id: the first test's records are still in the org, and the
      // subscription's replay from -2 delivers their old events again (in the same second as the
      // loaded versions, where the later write wins until the next event), so a count would depend
      // on timing.
      const skippedIds = async () =>
        (await contactSync()).skipped.records.map((s: { recordId: string }) => s.recordId);
      const ids = await createPoisonPage();
      await waitFor('the valid record', async () => (await localContacts(ctx, syncId)).get(ids.valid));
      const local = await localContacts(ctx, syncId);
      expect(local.get(ids.nul)).toMatchObject({ LastName: 'NulPerson' });
      expect(local.get(ids.surrogate)).toMatchObject({ Title: 'Head \uFFFD of Sales' });
      expect(local.has(ids.badReference)).toBe(false);
      const sync = await syncOf(ctx, syncId);
      expect({ status: sync.status, failures: sync.consecutiveFailures }).toEqual({
        status: 'ACTIVE',
        failures: 0,
      });
      await waitFor('the unstorable record listed', async () =>
        (await skippedIds()).includes(ids.badReference),
      );
      const listed = await skippedIds();
      for (const stored of [ids.valid, ids.nul, ids.surrogate]) expect(listed).not.toContain(stored);

      await ctx.emulator.control.updateRecords('acme', 'Contact', [
        { Id: ids.badReference, AccountId: null, Title: 'Fixed' },
      ]);
      await waitFor('the fixed record', async () => (await localContacts(ctx, syncId)).get(ids.badReference));
      await waitFor('the skip to end', async () => !(await skippedIds()).includes(ids.badReference));
      expect((await localContacts(ctx, syncId)).get(ids.badReference)).toMatchObject({ Title: 'Fixed' });
    } finally {
      await supervisor.stop();
    }
  });
});
