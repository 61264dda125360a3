import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { expectOneTaskPerCall, FAST } from '../../../test/write-back.ts';
import { taskKey } from './task-input.ts';
import { runWriteBackOnce } from './write-back.ts';

const ctx = useTestContext();
let demo: ReturnType<typeof v1>;
let other: ReturnType<typeof v1>;
let contactIds: string[];

// Both organizations sign in to the same Salesforce org (acme) as the same integration user.
beforeAll(async () => {
  await ctx.db.featureFlag.updateMany({
    where: { organizationId: await ctx.orgId('Other Org'), key: 'integrations' },
    data: { enabled: true },
  });
  const keys: ReturnType<typeof v1>[] = [];
  for (const email of ['admin@demo.test', 'admin@other.test']) {
    const admin = await ctx.loginAs(email);
    await connectSalesforce(admin, 'integration.user@acme.example');
    keys.push(v1(ctx.app, (await createKey(admin, ['call-activities:write'])).key));
  }
  [demo, other] = keys as [ReturnType<typeof v1>, ReturnType<typeof v1>];
  contactIds = (await ctx.emulator.control.records('acme', 'Contact')).map((r) => String(r.Id));
});

afterEach(async () => {
  await expectOneTaskPerCall(ctx.emulator);
});

const call = (callId: string, recordId: string) => ({
  callId,
  recordId,
  direction: 'Outbound',
  startedAt: '2026-11-28T10:15:00.000Z',
  durationSeconds: 30,
  disposition: 'Connected',
});
const drain = async () => {
  for (let pass = 0; pass < 5 && (await runWriteBackOnce(ctx.deps, FAST)).claimed > 0; pass++) {}
};
const taskById = async (id: string) =>
  (await ctx.emulator.control.records('acme', 'Task')).find((task) => task.Id === id);

describe('two organizations, one Salesforce org', () => {
  it('the same call id in both organizations logs one Task for each, never one for the other', async () => {
    await demo.post('/call-activities').send(call('shared-1', contactIds[0]!)).expect(202);
    await other.post('/call-activities').send(call('shared-1', contactIds[1]!)).expect(202);
    await drain();

    const demoView = (await demo.get('/call-activities/shared-1').expect(200)).body;
    const otherView = (await other.get('/call-activities/shared-1').expect(200)).body;
    expect(demoView.state).toBe('sent');
    expect(otherView.state).toBe('sent');
    expect(demoView.taskId).not.toBe(otherView.taskId);
    expect(await taskById(demoView.taskId)).toMatchObject({
      WhoId: contactIds[0],
      CallObject: taskKey(await ctx.orgId('Demo Org'), 'shared-1'),
    });
    expect(await taskById(otherView.taskId)).toMatchObject({
      WhoId: contactIds[1],
      CallObject: taskKey(await ctx.orgId('Other Org'), 'shared-1'),
    });
  });

  it('a call stored before the upgrade finds the Task logged under its bare call id, and only its own', async () => {
    // Tasks an earlier version logged under the bare call id, one for each organization.
    const { results } = await ctx.emulator.control.createRecords('acme', 'Task', [
      { Subject: 'Call', CallObject: 'before-1', WhoId: contactIds[2] },
      { Subject: 'Call', CallObject: 'before-2', WhoId: contactIds[3] },
    ]);
    const old = results[0]!.id;
    await demo.post('/call-activities').send(call('before-1', contactIds[2]!)).expect(202);
    await demo.post('/call-activities').send(call('before-2', contactIds[4]!)).expect(202);
    await ctx.db.callActivity.updateMany({
      where: { callId: { in: ['before-1', 'before-2'] } },
      data: { legacyTaskKey: true },
    });
    await drain();

    expect((await demo.get('/call-activities/before-1').expect(200)).body).toMatchObject({
      state: 'sent',
      taskId: old,
    });
    // before-2's old Task is another call's (another Contact): this call gets its own.
    const second = (await demo.get('/call-activities/before-2').expect(200)).body;
    expect(await taskById(second.taskId)).toMatchObject({ WhoId: contactIds[4] });
  });
});
