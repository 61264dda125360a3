import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import { enableSync } from '../../test/sync-support.ts';
import { runPoll } from './run-poll.ts';

const ctx = useTestContext();

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  await enableSync(admin, 'Contact', 'REST');
});

describe('a query locator that dies with its session', () => {
  it('a full load survives a token refresh between two pages: it resumes from its checkpoint with a new query', async () => {
    const { id: syncId } = await ctx.db.objectSync.findFirstOrThrow();
    const control = ctx.emulator.control;
    await control.setBatchSize('acme', 100);
    try {
      // The session ends as the second page is asked for: jsforce refreshes the token, and the
      // cursor opened by the old session answers INVALID_QUERY_LOCATOR.
      await control.failNextRequests(1, 401, '/query/');
      await runPoll(ctx.deps, syncId, { retry: { maxRetries: 1, minTimeoutMs: 10 } });
      expect((await control.tokens('acme')).some((t) => t.kind === 'access' && t.expired)).toBe(true);
    } finally {
      await control.clearFaults();
      await control.setBatchSize('acme', null);
    }
    const truth = (await control.records('acme', 'Contact')).filter((r) => r.IsDeleted !== true);
    const local = await ctx.db.salesforceRecord.findMany({ where: { object: 'CONTACT', deleted: false } });
    expect(local.map((r) => r.id).sort()).toEqual(truth.map((r) => String(r.Id)).sort());
    const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId } });
    expect(runs.map((r) => [r.kind, r.outcome, r.upserted])).toEqual([['FULL', 'SUCCEEDED', truth.length]]);
    const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
    expect(sync.fullLoadCompletedAt).not.toBeNull();
    expect(sync.fullLoadDone).toBe(truth.length);
  });
});
