import type { Db } from '@ch/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import { differences, freshRestContacts, syncOf } from '../../test/sync-support.ts';
import { withSalesforce } from '../salesforce/with-salesforce.ts';
import { runPoll } from './run-poll.ts';
import { sweepVanished } from './sweep.ts';

// Issue #17 item 6: the sweep after a resync pages both sides instead of loading every id of an
// object into memory.

const ctx = useTestContext();
const control = () => ctx.emulator.control;

/** The database, noting the most rows any one read of it returned. */
function measured(db: Db): { db: Db; largest: () => number } {
  let largest = 0;
  const note = (value: unknown) => {
    if (Array.isArray(value)) largest = Math.max(largest, value.length);
    return value;
  };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, prop) {
        const value = Reflect.get(object, prop, object) as unknown;
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown).apply(object, args);
            return result instanceof Promise || (result as { then?: unknown })?.then
              ? (result as Promise<unknown>).then(note)
              : result;
          };
        }
        return value && typeof value === 'object' && typeof prop === 'string' && !prop.startsWith('_')
          ? wrap(value)
          : value;
      },
    });
  return { db: wrap(db), largest: () => largest };
}

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  const syncId = await freshRestContacts(ctx, admin);
  await runPoll(ctx.deps, syncId, { retry: { maxRetries: 1, minTimeoutMs: 10 } });
});

describe('the sweep of vanished records', () => {
  it('with more ids than a page on either side, tombstones exactly the vanished ones and never reads more than a page', async () => {
    const syncId = (await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT' } })).id;
    const truth = (await control().records('acme', 'Contact')).filter((r) => r.IsDeleted !== true);
    const ids = truth.map((r) => String(r.Id)).sort();
    expect(ids.length).toBeGreaterThan(20);
    // First, middle and last: on different pages of both sides.
    const gone = [ids[0]!, ids[Math.floor(ids.length / 2)]!, ids.at(-1)!];
    await control().deleteRecords('acme', 'Contact', gone);
    // As a resync does: the rows of the copy are older than the load.
    await ctx.db.objectSync.updateMany({ where: { id: syncId }, data: { fullLoadStartedAt: new Date() } });
    await control().setBatchSize('acme', 7);
    try {
      const sync = await syncOf(ctx, syncId);
      const totals = { upserted: 0, deleted: 0, apiCalls: 0 };
      const { db, largest } = measured(ctx.db);
      await withSalesforce(ctx.deps, sync.organizationId, (client) =>
        sweepVanished(db, client, sync, totals, { pageSize: 5 }),
      );
      expect(totals.deleted).toBe(3);
      expect(totals.apiCalls).toBe(Math.ceil((ids.length - 3) / 7));
      expect(largest()).toBeLessThanOrEqual(5);
      expect(await differences(ctx, syncId)).toEqual([]);
      const tombstones = await ctx.db.salesforceRecord.findMany({
        where: { organizationId: sync.organizationId, object: 'CONTACT', deleted: true },
      });
      expect(tombstones.map((row) => row.id).sort()).toEqual([...gone].sort());
      expect(await ctx.db.sweepSeenId.count()).toBe(0);
    } finally {
      await control().setBatchSize('acme', null);
    }
  });
});
