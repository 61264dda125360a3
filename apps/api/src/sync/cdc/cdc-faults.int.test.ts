import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import {
  dropConnections,
  enableCdcContacts,
  expectInSync,
  localContacts,
  supervise,
  syncOf,
  TRANSPORTS,
  waitFor,
} from '../../../test/sync-support.ts';
import type { CdcSupervisor } from './supervisor.ts';

describe.each(TRANSPORTS)('CDC faults over %s', (transport) => {
  const ctx = useTestContext({ cdcTransport: transport });
  let syncId: string;
  let supervisor: CdcSupervisor;
  const control = () => ctx.emulator.control;

  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    syncId = await enableCdcContacts(ctx, admin);
    supervisor = supervise(ctx, { workerId: 'w1' }).supervisor;
    await waitFor('subscribed', async () => (await syncOf(ctx, syncId)).lastSuccessAt);
  });

  afterAll(async () => {
    await supervisor?.stop();
  });

  it('survives dropped connections without a new session', async () => {
    const [a] = [...(await localContacts(ctx, syncId)).keys()].sort();
    expect(await dropConnections(ctx, transport)).toBe(1);
    await control().updateRecords('acme', 'Contact', [{ Id: a, Title: 'After the drop' }]);
    await expectInSync(ctx, syncId);
    // The client reconnected and resumed on its own: one CDC session, still running.
    const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId, kind: 'CDC' } });
    expect(runs.map((r) => r.outcome)).toEqual(['RUNNING']);
  });

  it('survives an expired access token: refreshed, stored, and subscribed again', async () => {
    const [, b] = [...(await localContacts(ctx, syncId)).keys()].sort();
    const before = await ctx.db.oAuthToken.findFirstOrThrow();
    await control().expireAccessTokens({ org: 'acme' });
    await control().updateRecords('acme', 'Contact', [{ Id: b, Title: 'After the refresh' }]);
    await expectInSync(ctx, syncId);
    const after = await ctx.db.oAuthToken.findFirstOrThrow();
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(await syncOf(ctx, syncId)).toMatchObject({ consecutiveFailures: 0, status: 'ACTIVE' });
  });

  it('reconnects with back-off after a failed session, counting the failure', async () => {
    // Fail the REST re-read a gap event asks for (an UNDELETE carries its fields and needs none):
    // the session ends, and the next one applies it.
    const [, , c] = [...(await localContacts(ctx, syncId)).keys()].sort();
    await control().failNextRequests(2, 503, '/query');
    await control().emitGap('acme', 'Contact', 'GAP_UPDATE', [c!]);
    const failed = await waitFor('the failed session', () =>
      ctx.db.syncRun.findFirst({ where: { objectSyncId: syncId, outcome: 'FAILED' } }),
    );
    await expectInSync(ctx, syncId);
    expect(failed.error).toMatch(/transient/);
    // Reconnected and subscribed again: the failure count is back to zero.
    await waitFor('reset', async () => (await syncOf(ctx, syncId)).consecutiveFailures === 0);
  });

  // Last: it ends the connection for this context.
  it('lost authorization pauses the sync without counting a failure, and lets the lease go', async () => {
    await control().revokeRefreshTokens({ org: 'acme' });
    await control().expireAccessTokens({ org: 'acme' });
    await waitFor(
      'the reconnect state',
      async () => (await ctx.db.oAuthToken.findFirstOrThrow()).status === 'NEEDS_RECONNECT',
    );
    await waitFor(
      'stopped and released',
      async () => (await syncOf(ctx, syncId)).cdcOwner === null && supervisor.held().length === 0,
    );
    const last = await ctx.db.syncRun.findFirstOrThrow({
      where: { objectSyncId: syncId },
      orderBy: { id: 'desc' },
    });
    expect(last).toMatchObject({ kind: 'CDC', outcome: 'DEFERRED' });
    expect(last.error).toMatch(/auth_revoked/);
    expect(await syncOf(ctx, syncId)).toMatchObject({ consecutiveFailures: 0, status: 'PAUSED' });
  });
});
