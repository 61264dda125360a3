import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  contactEventsAfter,
  enableCdcContacts,
  expectInSync,
  storedReplayId,
  supervise,
  syncOf,
  TRANSPORTS,
  waitFor,
} from '../../../test/sync-support.ts';
import type { CdcSupervisor } from './supervisor.ts';

describe.each(TRANSPORTS)('CDC over %s, its worker killed mid-batch', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  let syncId: string;
  let supervisor: CdcSupervisor;
  let applied: { replayId: number }[];

  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    syncId = await enableCdcContacts(ctx, admin);
    ({ supervisor, applied } = supervise(ctx, { workerId: 'w1' }));
    await waitFor('loaded', async () => (await syncOf(ctx, syncId)).lastSuccessAt);
    // Following changes (not only loaded): a change made now arrives.
    const [id] = (await ctx.emulator.control.records('acme', 'Contact')).map((r) => r.Id);
    await ctx.emulator.control.updateRecords('acme', 'Contact', [{ Id: id, Title: 'Live' }]);
    await expectInSync(ctx, syncId);
  });

  afterAll(async () => {
    await supervisor?.stop();
  });

  it('keeps nothing of the batch it was applying, and applies those events once from the stored position', async () => {
    const before = storedReplayId(await syncOf(ctx, syncId)) ?? 0;
    // Hold the sync's row (not its key: records still reference it): the worker's batch, in its
    // transaction, waits on it while writing its records.
    const holder = new pg.Client({ connectionString: ctx.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM "ObjectSync" WHERE id = $1 FOR NO KEY UPDATE', [syncId]);
      const records = Array.from({ length: 60 }, (_, i) => ({ LastName: `Mid-batch ${i}` }));
      await ctx.emulator.control.createRecords('acme', 'Contact', records);
      // The worker's transaction is now open mid-batch: end it as a killed process would.
      const killed = await waitFor('the batch waiting on the row', async () => {
        // Within a transaction pg_stat_activity is a snapshot taken once: take a new one.
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ pid: number }>(
          `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
           WHERE pid <> pg_backend_pid() AND datname = current_database()
             AND wait_event_type = 'Lock'
             AND query NOT LIKE '%cdcLeaseUntil%' AND query NOT LIKE '%lastSuccessAt%'`,
        );
        return rows.length > 0 ? rows : undefined;
      });
      expect(killed.length).toBe(1);
      // Nothing of it was kept: no record of the batch, the position unchanged.
      const kept = await holder.query(
        `SELECT count(*)::int AS n FROM "SalesforceRecord" WHERE fields->>'LastName' LIKE 'Mid-batch %'`,
      );
      expect(kept.rows[0].n).toBe(0);
      expect(storedReplayId(await syncOf(ctx, syncId)) ?? 0).toBe(before);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    // Delivered again from the stored position and applied, each event once.
    await expectInSync(ctx, syncId);
    const wanted = await contactEventsAfter(ctx, before);
    expect(wanted).toHaveLength(60);
    await waitFor(
      'the replay id',
      async () => storedReplayId(await syncOf(ctx, syncId)) === Math.max(...wanted),
    );
    expect(applied.map((e) => e.replayId).filter((id) => id > before)).toEqual(wanted);
  });
});
