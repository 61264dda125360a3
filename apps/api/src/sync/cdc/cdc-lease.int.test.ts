import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  enableCdcContacts,
  expectInSync,
  FAST,
  localContacts,
  noConnections,
  SYNCS,
  supervise,
  syncOf,
  TRANSPORTS,
  waitFor,
} from '../../../test/sync-support.ts';
import { type Engine, startEngine } from '../engine.ts';

describe.each(TRANSPORTS)('CDC leases over %s', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  let admin: request.Agent;
  let syncId: string;
  const control = () => ctx.emulator.control;
  const noClient = () => noConnections(ctx, transport);

  beforeAll(async () => {
    admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    syncId = await enableCdcContacts(ctx, admin);
  });

  describe('CDC on, off and ownership', () => {
    it('off means off: disabling stops the subscription within seconds; enabling resumes it', async () => {
      const { supervisor, applied } = supervise(ctx, { workerId: 'w1' });
      try {
        await waitFor('subscribed', async () => (await syncOf(ctx, syncId)).lastSuccessAt);
        await expectInSync(ctx, syncId);

        const off = Date.now();
        await admin.patch(`${SYNCS}/Contact`).send({ enabled: false }).expect(200);
        await waitFor('stopped and released', async () => {
          const sync = await syncOf(ctx, syncId);
          return sync.cdcOwner === null && supervisor.held().length === 0;
        });
        expect(Date.now() - off).toBeLessThan(3_000);
        await waitFor('no client left at Salesforce', noClient);
        const seen = applied.length;
        const { results } = await control().createRecords('acme', 'Contact', [{ LastName: 'While off' }]);
        const newId = results[0]!.id!;
        expect(await noClient()).toBe(true);
        expect(applied.length).toBe(seen);
        expect((await localContacts(ctx, syncId)).has(newId)).toBe(false);
        const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId, kind: 'CDC' } });
        expect(runs.map((r) => r.outcome)).toEqual(['SUCCEEDED']);

        const on = Date.now();
        await admin.patch(`${SYNCS}/Contact`).send({ enabled: true }).expect(200);
        await waitFor('the change made while off', async () => (await localContacts(ctx, syncId)).has(newId));
        expect(Date.now() - on).toBeLessThan(3_000);
        await expectInSync(ctx, syncId);
      } finally {
        await supervisor.stop();
      }
    });

    it('two workers never both hold a sync; a crashed holder is taken over within 30 s', async () => {
      const engines: Engine[] = [];
      for (const workerId of ['engine-a', 'engine-b']) {
        const { retry, ...cdc } = FAST;
        engines.push(
          await startEngine(ctx.deps, {
            databaseUrl: ctx.databaseUrl,
            ...(retry ? { retry } : {}),
            cdc: { ...cdc, workerId, leaseMs: 2_000 },
          }),
        );
      }
      try {
        const holders = () => engines.filter((engine) => engine.cdc?.held().includes(syncId));
        await waitFor(
          'a holder',
          async () => holders().length === 1 && (await syncOf(ctx, syncId)).lastSuccessAt,
        );
        const [owner] = holders();
        const other = engines.find((engine) => engine !== owner)!;
        // Many heartbeats later, still exactly one holder, and it is the one the lease names.
        for (let i = 0; i < 15; i++) {
          expect(holders()).toEqual([owner]);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const ownerId = (await syncOf(ctx, syncId)).cdcOwner;
        expect(ownerId).toMatch(/^engine-[ab]$/);
        expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId, outcome: 'RUNNING' } })).toBe(1);

        // A crash: the holder goes away without releasing; the lease runs out and the other takes over.
        await owner!.cdc!.stop({ release: false });
        expect((await syncOf(ctx, syncId)).cdcOwner).toBe(ownerId);
        const crashed = Date.now();
        await waitFor('the takeover', async () => other.cdc!.held().includes(syncId), 30_000);
        expect(Date.now() - crashed).toBeLessThan(30_000);
        expect((await syncOf(ctx, syncId)).cdcOwner).not.toBe(ownerId);
        const [id] = [...(await localContacts(ctx, syncId)).keys()];
        await control().updateRecords('acme', 'Contact', [{ Id: id, Title: 'After the takeover' }]);
        await expectInSync(ctx, syncId);
      } finally {
        for (const engine of engines) await engine.stop();
      }
      // A clean stop lets go of the lease.
      expect((await syncOf(ctx, syncId)).cdcOwner).toBeNull();
    });
  });
});
