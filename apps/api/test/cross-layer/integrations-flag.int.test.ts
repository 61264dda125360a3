import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskKey } from '../../src/modules/call-activities/task-input.ts';
import { runWriteBackOnce } from '../../src/modules/call-activities/write-back.ts';
import { startEngine } from '../../src/sync/engine.ts';
import { createKey, v1 } from '../api-keys.ts';
import { useTestContext } from '../context.ts';
import { connectSalesforce } from '../salesforce-sign-in.ts';
import {
  enableCdcContacts,
  expectInSync,
  freshRestContacts,
  localContacts,
  supervise,
  syncOf,
  waitFor,
} from '../sync-support.ts';

// Support turning the integrations flag off pauses an organization's background work too: no
// poll, no CDC subscription, no write-back, none of it counted as a failure; turning it on resumes.
const ctx = useTestContext();
const control = () => ctx.emulator.control;
const FAST = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
let admin: request.Agent;
let support: request.Agent;
let demo: string;

async function setFlag(enabled: boolean) {
  await support
    .put(`/api/support/organizations/${demo}/feature-flags/integrations`)
    .send({ enabled })
    .expect(200);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  support = await ctx.loginAs('support@demo.test');
  demo = await ctx.orgId('Demo Org');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

beforeEach(async () => {
  await setFlag(true);
  await ctx.db.objectSync.deleteMany();
  await ctx.db.salesforceRecord.deleteMany();
});

describe('integrations flag off', () => {
  it('REST polls are not scheduled while off, uncounted, and resume when support turns it on', async () => {
    const syncId = await freshRestContacts(ctx, admin);
    await setFlag(false);
    // Ticks at start, then by hand only (the timer is an hour), with a worker ready to run whatever is queued.
    const engine = await startEngine(ctx.deps, { databaseUrl: ctx.databaseUrl, tickMs: 3_600_000, ...FAST });
    try {
      await engine.settled();
      expect(await engine.tick()).toBe(0);
      await pause(1_500);
      expect(await engine.tick()).toBe(0);
      expect(await ctx.db.syncRun.count({ where: { objectSyncId: syncId } })).toBe(0);
      expect(await syncOf(ctx, syncId)).toMatchObject({
        status: 'ACTIVE',
        consecutiveFailures: 0,
        lastError: null,
      });

      await setFlag(true);
      expect(await engine.tick()).toBe(1);
      await waitFor(
        'the resumed poll',
        async () =>
          (await ctx.db.syncRun.count({ where: { objectSyncId: syncId, outcome: 'SUCCEEDED' } })) === 1,
        20_000,
      );
      expect((await localContacts(ctx, syncId)).size).toBeGreaterThan(0);
    } finally {
      await engine.stop();
    }
  }, 40_000);

  it('a CDC subscription ends while off, uncounted, and catches up when support turns it on', async () => {
    const syncId = await enableCdcContacts(ctx, admin);
    const { supervisor } = supervise(ctx, { workerId: 'flag-worker' });
    try {
      await waitFor(
        'the subscription',
        async () => supervisor.held().includes(syncId) && (await syncOf(ctx, syncId)).lastSuccessAt,
      );
      await expectInSync(ctx, syncId);

      await setFlag(false);
      await waitFor('the subscription to end', async () => supervisor.held().length === 0);
      await waitFor('the lease to be released', async () => (await syncOf(ctx, syncId)).cdcOwner === null);
      const created = await control().createRecords('acme', 'Contact', [{ LastName: 'While Off' }]);
      const newId = created.results[0]!.id!;
      await pause(1_000); // ten supervisor ticks: none may subscribe again
      expect(supervisor.held()).toEqual([]);
      expect((await localContacts(ctx, syncId)).has(newId)).toBe(false);
      expect(await syncOf(ctx, syncId)).toMatchObject({
        status: 'ACTIVE',
        consecutiveFailures: 0,
        lastError: null,
      });

      await setFlag(true);
      await waitFor('the subscription to resume', async () => supervisor.held().includes(syncId));
      await waitFor('the event missed while off', async () => (await localContacts(ctx, syncId)).has(newId));
      await expectInSync(ctx, syncId);
    } finally {
      await supervisor.stop();
    }
  }, 40_000);

  it('call write-back holds while off, uncounted, and sends when support turns it on', async () => {
    const api = v1(ctx.app, (await createKey(admin, ['call-activities:write'])).key);
    const [contactId] = (await control().records('acme', 'Contact')).map((r) => String(r.Id));
    await api
      .post('/call-activities')
      .send({
        callId: 'flag-off-call',
        recordId: contactId,
        direction: 'Outbound',
        startedAt: '2026-11-28T10:00:00Z',
        durationSeconds: 30,
        disposition: 'Connected',
      })
      .expect(202);
    const held = await ctx.db.callActivity.findFirstOrThrow({ where: { callId: 'flag-off-call' } });
    const tasks = async () =>
      (await control().records('acme', 'Task')).filter(
        (t) => t.CallObject === taskKey(held.organizationId, 'flag-off-call'),
      );

    await setFlag(false);
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 0 });
    expect(await tasks()).toEqual([]);
    expect(await ctx.db.callActivity.findFirstOrThrow({ where: { id: held.id } })).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      lastError: null,
    });

    await setFlag(true);
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await tasks()).toHaveLength(1);
  });
});
