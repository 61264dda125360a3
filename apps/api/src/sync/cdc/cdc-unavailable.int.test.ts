import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { enableCdcContacts, supervise, syncOf, TRANSPORTS, waitFor } from '../../../test/sync-support.ts';
import type { CdcSupervisor } from './supervisor.ts';

describe.each(TRANSPORTS)('CDC unavailable over %s', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  let supervisor: CdcSupervisor | undefined;

  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    // Acme has Change Data Capture for Contact, so Save accepts CDC (an org without it is refused
    // at Save: salesforce-syncs.int.test.ts).
    await connectSalesforce(admin, 'integration.user@acme.example');
  });

  afterAll(async () => {
    await supervisor?.stop();
  });

  describe('CDC in an org that stops delivering it', () => {
    it('fails with cdc_unavailable; five failures in a row trip the breaker and stop it', async () => {
      const syncId = await enableCdcContacts(ctx, await ctx.loginAs('admin@demo.test'));
      // After the sync was saved, someone deselects Contact in Setup > Change Data Capture.
      await ctx.emulator.control.setCdcEntities('acme', ['Lead']);
      supervisor = supervise(ctx, { workerId: 'w1' }).supervisor;
      const tripped = await waitFor('the breaker to trip', async () => {
        const sync = await syncOf(ctx, syncId);
        return sync.status === 'ERROR' ? sync : undefined;
      });
      expect(tripped.consecutiveFailures).toBe(5);
      expect(tripped.lastError).toMatch(/cdc_unavailable/);
      // Stopped and let go: no subscriber, no lease, no further attempts.
      await waitFor('the lease released', async () => (await syncOf(ctx, syncId)).cdcOwner === null);
      expect(supervisor.held()).toEqual([]);
      const cdcRuns = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId, kind: 'CDC' } });
      expect(cdcRuns.map((r) => r.outcome)).toEqual(Array(5).fill('FAILED'));
      // The full load of the org's contacts worked: REST is there, only CDC is not.
      const loads = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId, kind: 'FULL' } });
      expect(loads.map((r) => [r.outcome, r.upserted])).toEqual([['SUCCEEDED', 250]]);
    });
  });
});
