import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  contactEventsAfter,
  enableCdcContacts,
  expectInSync,
  localContacts,
  positionFor,
  storedReplayId,
  supervise,
  syncOf,
  TRANSPORTS,
  waitFor,
} from '../../../test/sync-support.ts';
import type { CdcSupervisor } from './supervisor.ts';

describe.each(TRANSPORTS)('CDC resync over %s', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  let syncId: string;
  let supervisor: CdcSupervisor;
  const control = () => ctx.emulator.control;

  /** Makes the local copy wrong behind the engine's back: only a re-read from Salesforce fixes it. */
  async function corrupt(ids: { stale: string; gone: string }) {
    await ctx.db
      .$executeRaw`UPDATE "SalesforceRecord" SET fields = fields || '{"Phone":"stale"}' WHERE id = ${ids.stale}`;
    await ctx.db.$executeRaw`DELETE FROM "SalesforceRecord" WHERE id = ${ids.gone}`;
  }

  const fullLoads = () =>
    ctx.db.syncRun.count({ where: { objectSyncId: syncId, kind: 'FULL', outcome: 'SUCCEEDED' } });

  async function started() {
    supervisor = supervise(ctx, { workerId: 'w1' }).supervisor;
    await waitFor('subscribed', async () => (await syncOf(ctx, syncId)).lastSuccessAt);
  }

  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    syncId = await enableCdcContacts(ctx, admin);
    await started();
    await expectInSync(ctx, syncId);
  });

  afterAll(async () => {
    await supervisor?.stop();
  });

  it('gap events re-read their records through REST', async () => {
    const [a, b, c] = [...(await localContacts(ctx, syncId)).keys()].sort();
    await corrupt({ stale: a!, gone: b! });
    await control().emitGap('acme', 'Contact', 'GAP_UPDATE', [a!]);
    await control().emitGap('acme', 'Contact', 'GAP_CREATE', [b!]);
    // A gap for a record deleted meanwhile: the re-read finds it in the recycle bin.
    await control().deleteRecords('acme', 'Contact', [c!]);
    await ctx.db.$executeRaw`UPDATE "SalesforceRecord" SET deleted = false WHERE id = ${c}`;
    await control().emitGap('acme', 'Contact', 'GAP_DELETE', [c!]);
    await expectInSync(ctx, syncId);
    expect(await fullLoads()).toBe(1);
  });

  it('an invalid stored replay id runs a full resync, then resubscribes', async () => {
    await supervisor.stop();
    const [a, b] = [...(await localContacts(ctx, syncId)).keys()].sort().slice(3);
    await corrupt({ stale: a!, gone: b! });
    await ctx.db.objectSync.updateMany({ where: { id: syncId }, data: positionFor(transport, 99_999_999) });
    await started();
    await waitFor('a second full load', async () => (await fullLoads()) >= 2);
    await expectInSync(ctx, syncId);
    const failed = await ctx.db.syncRun.findFirstOrThrow({
      where: { objectSyncId: syncId, outcome: 'FAILED' },
    });
    expect(failed.error).toMatch(/invalid_replay/);
    // Resubscribed: changes flow again, and the failure was not held against the sync.
    await control().updateRecords('acme', 'Contact', [{ Id: a, Title: 'After resync' }]);
    await expectInSync(ctx, syncId);
    expect(await syncOf(ctx, syncId)).toMatchObject({ consecutiveFailures: 0, status: 'ACTIVE' });
  });

  it('an overflow event runs a full resync, then resumes after the overflow', async () => {
    const [a, b] = [...(await localContacts(ctx, syncId)).keys()].sort().slice(6);
    await corrupt({ stale: a!, gone: b! });
    const before = await fullLoads();
    const { replayIds } = await control().emitOverflow('acme', 'Contact');
    await waitFor('a full resync', async () => (await fullLoads()) >= before + 1);
    await expectInSync(ctx, syncId);
    await control().updateRecords('acme', 'Contact', [{ Id: a, Title: 'After overflow' }]);
    await expectInSync(ctx, syncId);
    const newest = Math.max(...(await contactEventsAfter(ctx, replayIds[0]!)));
    await waitFor('the replay id', async () => storedReplayId(await syncOf(ctx, syncId)) === newest);
    // Resumed after the overflow, not from the start: the overflow is not replayed (no third load).
    expect(await fullLoads()).toBe(before + 1);
  });

  it('a copy older than the replay window with no position (e.g. from REST polling) is reloaded', async () => {
    await supervisor.stop();
    const [a, b] = [...(await localContacts(ctx, syncId)).keys()].sort().slice(9);
    await corrupt({ stale: a!, gone: b! });
    const fourDaysAgo = new Date(Date.now() - 4 * 24 * 3_600_000);
    await ctx.db.objectSync.updateMany({
      where: { id: syncId },
      data: {
        replayId: null,
        pubsubReplayId: null,
        fullLoadCompletedAt: fourDaysAgo,
        lastSuccessAt: fourDaysAgo,
      },
    });
    const before = await fullLoads();
    await started();
    // >=: the replay from -2 that follows meets the earlier overflow event and reloads once more.
    await waitFor('a full reload', async () => (await fullLoads()) >= before + 1);
    await expectInSync(ctx, syncId);
  });
});
