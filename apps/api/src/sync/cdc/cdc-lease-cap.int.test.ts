import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { enableSync, supervise, waitFor } from '../../../test/sync-support.ts';
import { takeLeases, workerApplicationName } from './lease.ts';
import type { CdcSupervisor } from './supervisor.ts';

// Issue #17 item 6: a per-worker cap on CDC leases, so the first worker does not take every
// subscription: at its cap it leaves the rest to the others. Four CDC syncs (Contact and Lead in
// two organizations, both signed in to the emulator's acme org), a cap of two per worker.

const ctx = useTestContext();
const CAP = 2;
let syncIds: string[];

const owners = async () => {
  const rows = await ctx.db.objectSync.findMany({
    where: { id: { in: syncIds } },
    select: { cdcOwner: true },
  });
  const counts = new Map<string | null, number>();
  for (const { cdcOwner } of rows) counts.set(cdcOwner, (counts.get(cdcOwner) ?? 0) + 1);
  return counts;
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A worker is seen by the application name of its job queue's connections (engine.ts).
const connectAs = async (name: string) => {
  const client = new pg.Client({
    connectionString: ctx.databaseUrl,
    application_name: workerApplicationName(name),
  });
  await client.connect();
  return client;
};

beforeAll(async () => {
  await ctx.db.featureFlag.updateMany({
    where: { organizationId: await ctx.orgId('Other Org'), key: 'integrations' },
    data: { enabled: true },
  });
  for (const email of ['admin@demo.test', 'admin@other.test']) {
    const admin = await ctx.loginAs(email);
    await connectSalesforce(admin, 'integration.user@acme.example');
    await enableSync(admin, 'Contact', 'CDC');
    await enableSync(admin, 'Lead', 'CDC');
  }
  syncIds = (await ctx.db.objectSync.findMany({ where: { method: 'CDC' } })).map((s) => s.id);
  expect(syncIds).toHaveLength(4);
});

describe('CDC leases per worker', () => {
  it('a worker at its cap leaves the rest; a second worker takes them; neither ever holds more', async () => {
    const supervisors: CdcSupervisor[] = [];
    const seen: number[] = [];
    const watch = setInterval(() => {
      for (const supervisor of supervisors) seen.push(supervisor.held().length);
    }, 20);
    try {
      supervisors.push(supervise(ctx, { workerId: 'cap-a', maxLeases: CAP }).supervisor);
      await waitFor('the first worker at its cap', async () => (await owners()).get('cap-a') === CAP);
      // Several rounds later it still holds its cap, and the other two stay free.
      await pause(600);
      expect(await owners()).toEqual(
        new Map([
          ['cap-a', CAP],
          [null, 2],
        ]),
      );

      supervisors.push(supervise(ctx, { workerId: 'cap-b', maxLeases: CAP }).supervisor);
      await waitFor('every lease held', async () => {
        const counts = await owners();
        return counts.get('cap-a') === CAP && counts.get('cap-b') === CAP;
      });
      await waitFor('every subscription running', async () =>
        supervisors.every((supervisor) => supervisor.held().length === CAP),
      );
      await pause(600);
      expect(await owners()).toEqual(
        new Map([
          ['cap-a', CAP],
          ['cap-b', CAP],
        ]),
      );
      const [a, b] = supervisors as [CdcSupervisor, CdcSupervisor];
      expect(new Set([...a.held(), ...b.held()])).toEqual(new Set(syncIds));
      expect(Math.max(...seen)).toBeLessThanOrEqual(CAP);
    } finally {
      clearInterval(watch);
      await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
    }
  }, 60_000);

  it('shares fairly among the workers connected: a newcomer is handed its half', async () => {
    const presence: pg.Client[] = [];
    const connectWorker = async (name: string) => presence.push(await connectAs(name));
    const supervisors: CdcSupervisor[] = [];
    try {
      await connectWorker('fair-a');
      supervisors.push(supervise(ctx, { workerId: 'fair-a', maxLeases: 10 }).supervisor);
      await waitFor('the only worker holds all four', async () => (await owners()).get('fair-a') === 4);

      await connectWorker('fair-b');
      supervisors.push(supervise(ctx, { workerId: 'fair-b', maxLeases: 10 }).supervisor);
      await waitFor('two each', async () => {
        const counts = await owners();
        return counts.get('fair-a') === 2 && counts.get('fair-b') === 2;
      });
      await pause(600);
      expect(await owners()).toEqual(
        new Map([
          ['fair-a', 2],
          ['fair-b', 2],
        ]),
      );
    } finally {
      await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
      await Promise.all(presence.map((client) => client.end()));
    }
  }, 60_000);

  it("takes a dead worker's leases once its connections are gone, long before they run out", async () => {
    // A lease far longer than the test: only the vanished connections can free the dead one's.
    const options = { maxLeases: 10, leaseMs: 120_000 };
    const dead = await connectAs('gone-a');
    const a = supervise(ctx, { ...options, workerId: 'gone-a' }).supervisor;
    const clients = [dead];
    const supervisors = [a];
    try {
      await waitFor('the only worker holds all four', async () => (await owners()).get('gone-a') === 4);
      clients.push(await connectAs('live-b'));
      const b = supervise(ctx, { ...options, workerId: 'live-b' }).supervisor;
      supervisors.push(b);
      // b's own view (held) follows its leases in the database a moment later: the comparison
      // below reads both, so both must have settled.
      await waitFor('two each, b running its two', async () => {
        const counts = await owners();
        return counts.get('gone-a') === 2 && counts.get('live-b') === 2 && b.held().length === 2;
      });
      // It stops renewing (as if hung) but its connection stays: a live worker keeps its leases,
      // even against a taker asking for every one.
      await a.stop({ release: false });
      const mine = new Set(b.held());
      expect(await takeLeases(ctx.db, syncIds, 'live-b', options.leaseMs, 10)).toEqual(mine);
      const [held] = await ctx.db.$queryRaw<{ until: Date }[]>`
        SELECT min("cdcLeaseUntil") AS until FROM "ObjectSync" WHERE "cdcOwner" = 'gone-a'`;
      // Its process dies: its last connection ends, and the survivor takes its share at once.
      await dead.end();
      await waitFor('the survivor holds all four', async () => (await owners()).get('live-b') === 4);
      const [now] = await ctx.db.$queryRaw<{ at: Date }[]>`SELECT now() AT TIME ZONE 'UTC' AS at`;
      expect(now?.at.getTime()).toBeLessThan(held?.until.getTime() ?? 0);
      await waitFor('every subscription running on the survivor', async () => b.held().length === 4);
    } finally {
      await Promise.all(supervisors.map((supervisor) => supervisor.stop()));
      // The dead one's client is already ended; ending it again only rejects.
      await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    }
  }, 60_000);
});
