import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  contactEventsAfter,
  enableCdcContacts,
  expectInSync,
  localContacts,
  storedReplayId,
  supervise,
  syncOf,
  TRANSPORTS,
  waitFor,
} from '../../../test/sync-support.ts';

describe.each(TRANSPORTS)('CDC sync over %s', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  let syncId: string;
  const control = () => ctx.emulator.control;

  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    syncId = await enableCdcContacts(ctx, admin);
  });

  describe('CDC', () => {
    it('loads every record, then applies creates, updates, deletes, undeletes and transactions', async () => {
      const { supervisor } = supervise(ctx, { workerId: 'w1' });
      try {
        await waitFor('the full load and the subscription', async () => {
          const sync = await syncOf(ctx, syncId);
          return sync.fullLoadCompletedAt && sync.lastSuccessAt;
        });
        await expectInSync(ctx, syncId);
        // A live subscription has no run that ends: the heartbeat keeps "last synced" current.
        const subscribedAt = (await syncOf(ctx, syncId)).lastSuccessAt!;
        await waitFor('the heartbeat', async () => (await syncOf(ctx, syncId)).lastSuccessAt! > subscribedAt);
        const [a, b, c] = [...(await localContacts(ctx, syncId)).keys()].sort();

        // UPDATE merges the changed fields only: a local-only marker in another field survives it.
        await ctx.db
          .$executeRaw`UPDATE "SalesforceRecord" SET fields = fields || '{"Title":"marker"}' WHERE id = ${a}`;
        await control().updateRecords('acme', 'Contact', [{ Id: a, Phone: '+1 415 555 0101' }]);
        await waitFor('the phone update', async () => (await localContacts(ctx, syncId)).get(a!)?.Phone);
        expect((await localContacts(ctx, syncId)).get(a!)).toMatchObject({ Title: 'marker' });
        await control().updateRecords('acme', 'Contact', [{ Id: a, Title: 'VP Sales', FirstName: 'Zed' }]);
        await waitFor('Name derived from the new FirstName', async () => {
          const row = (await localContacts(ctx, syncId)).get(a!);
          return row?.Name === `Zed ${String(row?.LastName)}` && row.Title === 'VP Sales';
        });

        const created = await control().createRecords('acme', 'Contact', [
          { FirstName: 'Ann', LastName: 'One', Email: 'ann@acme.example' },
          { LastName: 'Two', Phone: '+1 415 555 0102' },
          { FirstName: 'Cy', LastName: 'Three', DoNotCall: true },
        ]);
        expect(new Set(created.replayIds).size).toBe(3); // one transaction, three events
        await control().updateRecords('acme', 'Contact', [
          { Id: b, LastName: 'Renamed' },
          { Id: created.results[1]!.id, FirstName: 'Bo' },
        ]);
        await control().deleteRecords('acme', 'Contact', [c!, created.results[2]!.id!]);
        await expectInSync(ctx, syncId);
        const local = await localContacts(ctx, syncId);
        expect(local.get(created.results[1]!.id!)).toMatchObject({ Name: 'Bo Two', Email: null });
        expect(local.has(c!)).toBe(false);

        await control().undeleteRecords('acme', 'Contact', [c!]);
        await waitFor('the undelete', async () => (await localContacts(ctx, syncId)).has(c!));
        await expectInSync(ctx, syncId);

        // The replay id stored is the newest event's: every event was applied and recorded.
        const newest = Math.max(...(await contactEventsAfter(ctx, 0)));
        await waitFor('the replay id', async () => storedReplayId(await syncOf(ctx, syncId)) === newest);
      } finally {
        await supervisor.stop();
      }
      const sync = await syncOf(ctx, syncId);
      expect(sync).toMatchObject({ cdcOwner: null, consecutiveFailures: 0, status: 'ACTIVE' });
      const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { id: 'asc' } });
      expect(runs.map((r) => [r.kind, r.outcome, r.worker])).toEqual([
        ['FULL', 'SUCCEEDED', 'w1'],
        ['CDC', 'SUCCEEDED', 'w1'],
      ]);
      expect(runs[1]!.finishedAt).not.toBeNull();
    });

    it('restarts from the stored replay id: nothing lost, nothing applied twice', async () => {
      const stored = storedReplayId(await syncOf(ctx, syncId))!;
      const ids = [...(await localContacts(ctx, syncId)).keys()].sort().slice(3, 6);
      // While no one listens: an update, a create and a delete.
      await control().updateRecords('acme', 'Contact', [{ Id: ids[0], Email: 'while.stopped@acme.example' }]);
      await control().createRecords('acme', 'Contact', [{ LastName: 'Offline' }]);
      await control().deleteRecords('acme', 'Contact', [ids[1]!]);
      const missed = await contactEventsAfter(ctx, stored);
      expect(missed).toHaveLength(3);

      const { supervisor, applied } = supervise(ctx, { workerId: 'w2' });
      try {
        await expectInSync(ctx, syncId);
        await control().updateRecords('acme', 'Contact', [{ Id: ids[2], MobilePhone: '+1 415 555 0103' }]);
        await expectInSync(ctx, syncId);
        const all = await contactEventsAfter(ctx, stored);
        await waitFor('every event applied', async () => applied.length >= all.length);
        expect(applied.map((e) => e.replayId)).toEqual(all);
      } finally {
        await supervisor.stop();
      }
      // No second full load: the restart resumed the subscription.
      expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId, kind: 'FULL' } })).toBe(1);
    });
  });
});
