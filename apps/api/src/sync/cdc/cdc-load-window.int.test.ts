import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  enableCdcContacts,
  expectInSync,
  localContacts,
  supervise,
  syncOf,
  waitFor,
} from '../../../test/sync-support.ts';
import type { CdcSupervisor } from './supervisor.ts';

// Issue #18 item 2: a CDC full load stopped mid-way and resumed past the replay window (72 h)
// must not keep the pages it read before: changes to them are no longer replayable.

const ctx = useTestContext();
const DAY = 24 * 3_600_000;
const control = () => ctx.emulator.control;
let syncId: string;
let supervisor: CdcSupervisor | undefined;

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  syncId = await enableCdcContacts(ctx, admin);
});

afterAll(async () => {
  await supervisor?.stop();
  await control().clearFaults();
  await control().setBatchSize('acme', null);
});

describe('a CDC full load resumed after the replay window', () => {
  it('restarts from scratch: a loaded Contact updated 4 days ago is not left stale', async () => {
    await control().setBatchSize('acme', 100);
    // The first page (query?q=) and the count pass; every next page (query/<locator>) fails, and
    // the long back-off keeps the subscriber from retrying before it is stopped.
    await control().failNextRequests(1000, 503, '/query/');
    supervisor = supervise(ctx, { workerId: 'w1', backoff: { minMs: 60_000, maxMs: 60_000 } }).supervisor;
    await waitFor('a first page loaded', async () => {
      const sync = await syncOf(ctx, syncId);
      return sync.fullLoadDone === 100 && sync.consecutiveFailures > 0;
    });
    await supervisor.stop();
    await control().clearFaults();
    const sync = await syncOf(ctx, syncId);
    expect(sync).toMatchObject({ fullLoadDone: 100, fullLoadCompletedAt: null });
    expect(sync.fullLoadTotal).toBeGreaterThan(200);

    // A Contact on the loaded page changes, then the load sits still for four days.
    const [loaded] = [...(await localContacts(ctx, syncId)).keys()].sort();
    await control().updateRecords('acme', 'Contact', [{ Id: loaded, Title: 'Changed after its page' }]);
    await control().advanceClock(4 * DAY);
    await ctx.db.objectSync.updateMany({
      where: { id: syncId },
      data: { fullLoadStartedAt: new Date(Date.now() - 4 * DAY) },
    });

    supervisor = supervise(ctx, { workerId: 'w1' }).supervisor;
    await waitFor('the load finished', async () => (await syncOf(ctx, syncId)).fullLoadCompletedAt);
    await expectInSync(ctx, syncId);
    expect((await localContacts(ctx, syncId)).get(loaded!)).toMatchObject({
      Title: 'Changed after its page',
    });
  });
});
