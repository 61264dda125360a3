import { beforeAll, describe, expect, it } from 'vitest';
import { removeConnection } from '../../src/modules/salesforce-connection/connection-store.ts';
import { runPoll } from '../../src/sync/run-poll.ts';
import { useTestContext } from '../context.ts';
import { connectOrganization, connectSalesforce } from '../salesforce-sign-in.ts';
import { freshRestContacts, syncOf, waitFor } from '../sync-support.ts';

// Decision 008's open end, closed (issue #17 item 6): a REST run of the old org still in flight
// when a new org's connection commits must not write old-org rows after the switch's tombstones.

const ctx = useTestContext();
const control = () => ctx.emulator.control;
const SLOW_PAGE_MS = 4_000;

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  await freshRestContacts(ctx, admin);
});

describe('an org switch during a REST run', () => {
  it('fences the run: its page after the switch writes nothing, the run stops without a failure', async () => {
    const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT' } });
    const { organizationId } = sync;
    const admin = await ctx.db.user.findFirstOrThrow({ where: { email: 'admin@demo.test' } });
    // The first page answers at once, the next one (a query locator) only after the switch.
    await control().setBatchSize('acme', 50);
    await control().setLatency(SLOW_PAGE_MS, '/query/');
    try {
      const running = runPoll(ctx.deps, sync.id, { retry: { maxRetries: 1, minTimeoutMs: 10 } });
      await waitFor('the first page committed', async () => (await syncOf(ctx, sync.id)).fullLoadDone === 50);

      // Disconnect whose revoke failed (the run's access token still works), then Set up with Globex.
      await removeConnection(ctx.deps, organizationId, admin.id);
      await connectOrganization(ctx.deps, organizationId, admin.id, { username: 'admin@globex.example' });
      const switched = await ctx.db.auditEvent.findFirst({ where: { action: 'salesforce.org_switched' } });
      expect(switched).not.toBeNull();
      expect(await ctx.db.salesforceRecord.count({ where: { organizationId, deleted: false } })).toBe(0);
      // The page in flight still takes its time; any after it would answer at once.
      await control().setLatency(0);

      await running;
      // Nothing of acme came back to life, and the sync's position is the reset one, not acme's.
      expect(await ctx.db.salesforceRecord.count({ where: { organizationId, deleted: false } })).toBe(0);
      expect(await syncOf(ctx, sync.id)).toMatchObject({
        fullLoadTotal: null,
        fullLoadAfterId: null,
        cursor: null,
        consecutiveFailures: 0,
      });
      const run = await ctx.db.syncRun.findFirstOrThrow({ where: { objectSyncId: sync.id } });
      expect(run.outcome).toBe('DEFERRED');
      expect(run.error).toMatch(/another Salesforce org/);
    } finally {
      await control().setLatency(0);
      await control().setBatchSize('acme', null);
    }
  });
});
