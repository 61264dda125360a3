import { openPubSubChannels } from '@ch/salesforce';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  contactEventsAfter,
  enableSync,
  expectInSync,
  FAST,
  localContacts,
  storedReplayId,
  syncOf,
  waitFor,
} from '../../../test/sync-support.ts';
import { startCdcSupervisor } from './supervisor.ts';

// What only the Pub/Sub path has: flow control, one channel for every subscription, the fallback.
// The faults both transports share run over both in the other cdc-*.int.test.ts files.
const ctx = useTestContext({ cdcTransport: 'pubsub' });
const control = () => ctx.emulator.control;
let contactSync: string;

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  await enableSync(admin, 'Contact', 'CDC');
  await enableSync(admin, 'Lead', 'CDC');
  contactSync = (await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT' } })).id;
});

describe('CDC over the Pub/Sub API', () => {
  it('one channel carries both subscriptions; events come in batches of at most 100, each applied once', async () => {
    const batches: { syncId: string; replayIds: number[] }[] = [];
    const supervisor = startCdcSupervisor(ctx.deps, {
      ...FAST,
      workerId: 'w1',
      onApplied: (syncId, events) => batches.push({ syncId, replayIds: events.map((e) => e.replayId) }),
    });
    try {
      await waitFor('both subscribed', async () => {
        const syncs = await ctx.db.objectSync.findMany();
        return syncs.every((s) => s.lastSuccessAt) && (await control().pubSubStreams()) === 2;
      });
      expect(openPubSubChannels()).toBe(1);
      const before = storedReplayId(await syncOf(ctx, contactSync)) ?? 0;
      // 250 creates in one transaction: 250 events, more than one request's worth.
      const records = Array.from({ length: 250 }, (_, i) => ({ LastName: `Bulk ${i}` }));
      await control().createRecords('acme', 'Contact', records);
      await expectInSync(ctx, contactSync);
      const wanted = await contactEventsAfter(ctx, before);
      expect(wanted).toHaveLength(250);
      await waitFor(
        'the replay id',
        async () => storedReplayId(await syncOf(ctx, contactSync)) === Math.max(...wanted),
      );
      const contact = batches.filter(
        (b) => b.syncId === contactSync && b.replayIds.some((id) => id > before),
      );
      expect(contact.length).toBeGreaterThanOrEqual(3);
      for (const batch of contact) expect(batch.replayIds.length).toBeLessThanOrEqual(100);
      expect(contact.flatMap((b) => b.replayIds).filter((id) => id > before)).toEqual(wanted);
      // Stored as the bytes Salesforce sent; the CometD column is left empty.
      expect((await syncOf(ctx, contactSync)).replayId).toBeNull();
    } finally {
      await supervisor.stop();
    }
  });

  it('an org whose Pub/Sub endpoint cannot be reached falls back to CometD, and the run history says so', async () => {
    const unreachable = { ...ctx.deps.salesforceApp, pubsub: { endpoint: 'localhost:1' } };
    const supervisor = startCdcSupervisor(
      { ...ctx.deps, salesforceApp: unreachable },
      { ...FAST, workerId: 'w2' },
    );
    try {
      const note = await waitFor('the fallback', () =>
        ctx.db.syncRun.findFirst({ where: { objectSyncId: contactSync, worker: 'w2', outcome: 'DEFERRED' } }),
      );
      expect(note.error).toMatch(
        /Pub\/Sub API unreachable at localhost:1.*following changes over CometD instead/,
      );
      const [id] = [...(await localContacts(ctx, contactSync)).keys()];
      await control().updateRecords('acme', 'Contact', [{ Id: id, Title: 'Over CometD' }]);
      await expectInSync(ctx, contactSync);
      // Over CometD now: its position is the one stored, and the fallback was not held against the sync.
      await waitFor('a CometD position', async () => (await syncOf(ctx, contactSync)).replayId !== null);
      expect(await syncOf(ctx, contactSync)).toMatchObject({ pubsubReplayId: null, consecutiveFailures: 0 });
    } finally {
      await supervisor.stop();
    }
  });
});
