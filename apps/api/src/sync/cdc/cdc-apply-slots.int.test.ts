import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneOrganizations } from '../../../test/clone-organizations.ts';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { FAST, waitFor } from '../../../test/sync-support.ts';
import { startCdcSupervisor } from './supervisor.ts';

// Many subscriptions, few connections (the test pool has 4): every batch waits for one of the
// process's apply slots instead of for a pooled connection, where Prisma gives up after 2 s
// ("Unable to start a transaction in the given time") and the session counted as failed.
const ctx = useTestContext({ cdcTransport: 'pubsub' });
const ORGS = 30;
let syncIds: Set<string>;

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  syncIds = await cloneOrganizations(ctx.db, await ctx.orgId('Demo Org'), ORGS, 'Many CDC');
});

describe('CDC batch applies per process', () => {
  it('a slow database makes batches wait their turn: no failure recorded, every event applied once', async () => {
    const control = ctx.emulator.control;
    const seen = new Map<string, number[]>();
    const supervisor = startCdcSupervisor(ctx.deps, {
      ...FAST,
      leaseMs: 20_000,
      workerId: 'many',
      maxLeases: ORGS,
      onApplied: (syncId, events) =>
        seen.set(syncId, [...(seen.get(syncId) ?? []), ...events.map((e) => e.replayId)]),
    });
    // Writes to the record table wait for this lock, so every apply transaction takes 3 s.
    const blocker = new pg.Client({ connectionString: ctx.databaseUrl });
    await blocker.connect();
    try {
      await waitFor('every subscription live', async () => (await control.pubSubStreams()) >= ORGS, 30_000);
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE "SalesforceRecord" IN SHARE MODE');
      const lead = (await control.createRecords('acme', 'Lead', [{ LastName: 'Slow', Company: 'Db' }]))
        .results[0]!.id!;
      await control.updateRecords('acme', 'Lead', [{ Id: lead, Title: 'Waited' }]);
      // Longer than Prisma waits for a connection (2 s), shorter than a transaction may last (5 s).
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await blocker.query('COMMIT');

      const wanted = (await control.events('acme')).filter((e) => e.entity === 'Lead').map((e) => e.replayId);
      expect(wanted.length).toBeGreaterThanOrEqual(2);
      await waitFor(
        'every event applied in every organization',
        async () => [...syncIds].every((id) => (seen.get(id)?.length ?? 0) >= wanted.length),
        60_000,
      );
      for (const id of syncIds) expect(seen.get(id)).toEqual(wanted);
      const failed = await ctx.db.syncRun.count({
        where: { objectSyncId: { in: [...syncIds] }, outcome: { in: ['FAILED', 'DEFERRED'] } },
      });
      expect(failed).toBe(0);
      const syncs = await ctx.db.objectSync.findMany({ where: { id: { in: [...syncIds] } } });
      expect(syncs.map((s) => s.consecutiveFailures)).toEqual(syncs.map(() => 0));
    } finally {
      await blocker.end();
      await supervisor.stop();
    }
  }, 120_000);
});
