import type { SalesforceClient } from '@ch/salesforce';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import {
  differences,
  enableCdcContacts,
  expectInSync,
  freshRestContacts,
  supervise,
  syncOf,
  waitFor,
} from '../../test/sync-support.ts';
import { withSalesforce } from '../salesforce/with-salesforce.ts';
import { resetFullLoad } from './full-load-reset.ts';
import { fullLoad } from './rest-poller.ts';
import { runPoll } from './run-poll.ts';

// Issue #18 item 1: a resync must end with exactly Salesforce's live records, also when a deletion
// is still in the recycle bin but older than what the first poll or CDC's replay reaches back.

const ctx = useTestContext();
const DAY = 24 * 3_600_000;
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
const control = () => ctx.emulator.control;
let admin: request.Agent;

async function liveTruthIds() {
  const rows = await control().records('acme', 'Contact');
  return rows.filter((r) => r.IsDeleted !== true).map((r) => String(r.Id));
}

const inRecycleBin = async (id: string) =>
  (await control().records('acme', 'Contact')).find((r) => r.Id === id)?.IsDeleted === true;

const fullLoads = (syncId: string) =>
  ctx.db.syncRun.count({ where: { objectSyncId: syncId, kind: 'FULL', outcome: 'SUCCEEDED' } });

const newestId = async () => (await liveTruthIds()).sort().at(-1);

/** The client, with a Contact created in Salesforce once the full load has read its last page. */
function createdAfterLoad(client: SalesforceClient): SalesforceClient {
  return {
    ...client,
    queryPages: async function* (soql, options) {
      yield* client.queryPages(soql, options);
      if (soql.includes('ORDER BY Id')) {
        await control().createRecords('acme', 'Contact', [{ LastName: 'Created during the load' }]);
      }
    } as SalesforceClient['queryPages'],
  };
}

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

describe('a resync ends with exactly the live records', () => {
  it('REST: a deletion on day 10 (still in the recycle bin) is applied by the resync on day 16', async () => {
    const syncId = await freshRestContacts(ctx, admin);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    expect(await differences(ctx, syncId)).toEqual([]);

    const [gone, edited] = (await liveTruthIds()).sort();
    await control().advanceClock(10 * DAY);
    await control().deleteRecords('acme', 'Contact', [gone!]);
    await control().advanceClock(6 * DAY);
    await control().updateRecords('acme', 'Contact', [{ Id: edited, Title: 'Edited on day 16' }]);
    expect(await inRecycleBin(gone!)).toBe(true);
    // Sixteen days without a successful poll on our side too: past the recycle bin, so a resync.
    await ctx.db.objectSync.updateMany({
      where: { id: syncId },
      data: { lastSuccessAt: new Date(Date.now() - 16 * DAY), nextRunAt: null },
    });

    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const last = await ctx.db.syncRun.findFirstOrThrow({
      where: { objectSyncId: syncId },
      orderBy: { id: 'desc' },
    });
    expect(last).toMatchObject({ kind: 'FULL', outcome: 'SUCCEEDED', deleted: 1 });
    expect(await differences(ctx, syncId)).toEqual([]);
    expect(await ctx.db.salesforceRecord.findFirst({ where: { id: gone!, deleted: true } })).not.toBeNull();
  });

  it('REST: a record created during the resync does not hide a stale one (equal counts)', async () => {
    const syncId = await freshRestContacts(ctx, admin);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const [gone] = (await liveTruthIds()).sort();
    await control().deleteRecords('acme', 'Contact', [gone!]);
    await resetFullLoad(ctx.db, { id: syncId });
    // Right after the load's last page, someone creates a Contact: Salesforce's count is back to
    // what the copy holds, the stale record included.
    const totals = { upserted: 0, deleted: 0, apiCalls: 0 };
    const sync = await syncOf(ctx, syncId);
    await withSalesforce(ctx.deps, sync.organizationId, (client) =>
      fullLoad(ctx.db, createdAfterLoad(client), sync, totals),
    );
    expect(totals.deleted).toBe(1);
    expect(await differences(ctx, syncId)).toEqual([`missing ${await newestId()}`]);
  });

  it('CDC: a deletion made during a 4-day stop is applied by the reload', async () => {
    await ctx.db.objectSync.deleteMany();
    await ctx.db.salesforceRecord.deleteMany();
    const syncId = await enableCdcContacts(ctx, admin);
    let { supervisor } = supervise(ctx, { workerId: 'w1' });
    await waitFor('the first load', async () => (await fullLoads(syncId)) === 1);
    await expectInSync(ctx, syncId);
    await supervisor.stop();

    const [gone, edited] = (await liveTruthIds()).sort();
    await control().deleteRecords('acme', 'Contact', [gone!]);
    await control().updateRecords('acme', 'Contact', [{ Id: edited, Title: 'Edited while stopped' }]);
    // Four days at Salesforce (the change events are gone) and on our side since the last success.
    await control().advanceClock(4 * DAY);
    expect(await inRecycleBin(gone!)).toBe(true);
    const fourDaysAgo = new Date(Date.now() - 4 * DAY);
    await ctx.db.objectSync.updateMany({
      where: { id: syncId },
      data: {
        lastSuccessAt: fourDaysAgo,
        fullLoadCompletedAt: fourDaysAgo,
        fullLoadStartedAt: fourDaysAgo,
      },
    });

    ({ supervisor } = supervise(ctx, { workerId: 'w1' }));
    try {
      await waitFor('the reload', async () => (await fullLoads(syncId)) === 2);
      await expectInSync(ctx, syncId);
      expect(await ctx.db.salesforceRecord.findFirst({ where: { id: gone!, deleted: true } })).not.toBeNull();
    } finally {
      await supervisor.stop();
    }
  });
});
