import { describe, expect, it } from 'vitest';
import { FAST, useWriteBackContext } from '../../../test/write-back.ts';
import { withSalesforce } from '../../salesforce/with-salesforce.ts';
import { claimDue } from './outbox.ts';
import { buildTask } from './task-input.ts';
import { runWriteBackOnce, startWriteBack } from './write-back.ts';

const world = useWriteBackContext('wb');
const { ctx, postCalls, tasksFor, makeDue } = world;

const drain = async () => {
  for (let pass = 0; pass < 20 && (await runWriteBackOnce(ctx.deps, FAST)).claimed > 0; pass++)
    await makeDue();
};

describe('call activity write-back', () => {
  it('creates one Task per call with the call fields; GET then says sent with the Task id', async () => {
    const [callId] = await postCalls(1);
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    const [task] = await tasksFor([callId!]);
    expect(task).toMatchObject({
      Subject: 'Call',
      TaskSubtype: 'Call',
      CallType: 'Inbound',
      CallDurationInSeconds: 42,
      CallDisposition: 'Connected',
      CallObject: `${world.organizationId.replaceAll('-', '')}:${callId}`,
      ActivityDate: '2026-11-28',
      Status: 'Completed',
      WhoId: world.contactIds[0],
      Description: `Call ${callId}`,
    });
    const view = (await world.api.get(`/call-activities/${callId}`).expect(200)).body;
    expect(view).toMatchObject({ state: 'sent', taskId: task!.Id, attempts: 0, error: null });
  });

  it('retries after a 5xx with backoff, counting the attempt, and then sends once', async () => {
    const calls = await postCalls(3);
    await ctx.emulator.control.failNextRequests(1, 503, 'composite/sobjects');
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 3, retried: 3, sent: 0 });
    const rows = await ctx.db.callActivity.findMany({ where: { callId: { in: calls } } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(calls.map(() => ['PENDING', 1]));
    expect((await world.api.get(`/call-activities/${calls[0]}`).expect(200)).body.state).toBe('pending');
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 3 });
    expect(await tasksFor(calls)).toHaveLength(3);
  });

  it('refreshes an expired access token and sends', async () => {
    const calls = await postCalls(2);
    await ctx.emulator.control.expireAccessTokens({ org: 'acme' });
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 2 });
    expect(await tasksFor(calls)).toHaveLength(2);
  });

  it('a worker killed after Salesforce created the Task, before recording it: the next attempt finds that Task', async () => {
    const [callId] = await postCalls(1);
    const [claimed] = await claimDue(ctx.db, {
      organizationId: world.organizationId,
      token: crypto.randomUUID(),
      limit: 10,
      leaseMs: 60_000,
    });
    const built = buildTask(claimed!);
    if (!built.ok) throw new Error(built.reason);
    const [created] = await withSalesforce(ctx.deps, world.organizationId, (client) =>
      client.createTasks([built.input]),
    );
    // ... and here the worker dies: the row stays SENDING until its lease runs out.
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 0 });
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    const row = await ctx.db.callActivity.findFirstOrThrow({ where: { callId } });
    expect(row).toMatchObject({ status: 'SENT', taskId: created!.ok ? created!.taskId : 'none' });
    expect(await tasksFor([callId!])).toHaveLength(1);
  });

  it('a row left SENDING with no Task at all is sent once', async () => {
    const [callId] = await postCalls(1);
    await ctx.db.callActivity.updateMany({
      where: { callId },
      data: { status: 'SENDING', nextAttemptAt: new Date(Date.now() - 1000) },
    });
    await drain();
    expect(await tasksFor([callId!])).toHaveLength(1);
  });

  it('holds without counting attempts while Salesforce needs reconnecting, then resumes', async () => {
    const calls = await postCalls(2);
    await ctx.db.oAuthToken.updateMany({ data: { status: 'NEEDS_RECONNECT' } });
    try {
      expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ held: 2 });
      const rows = await ctx.db.callActivity.findMany({ where: { callId: { in: calls } } });
      expect(
        rows.every((r) => r.status === 'PENDING' && r.attempts === 0 && r.nextAttemptAt > new Date()),
      ).toBe(true);
    } finally {
      await ctx.db.oAuthToken.updateMany({ data: { status: 'ACTIVE' } });
    }
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 2 });
  });

  it('holds while under 10% of the daily API quota is left, then resumes', async () => {
    const calls = await postCalls(2);
    const { max } = await ctx.emulator.control.setApiUsage('acme', { reset: true });
    await ctx.emulator.control.setApiUsage('acme', { remaining: Math.floor(max * 0.05) });
    try {
      expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ held: 2, sent: 0 });
      expect(await tasksFor(calls)).toHaveLength(0);
      expect((await ctx.db.callActivity.findFirstOrThrow({ where: { callId: calls[0] } })).attempts).toBe(0);
    } finally {
      await ctx.emulator.control.resetApiQuota('acme');
    }
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 2 });
  });

  it('holds when Salesforce refuses for the spent daily quota (REQUEST_LIMIT_EXCEEDED), then resumes', async () => {
    const calls = await postCalls(1);
    await ctx.emulator.control.exhaustApiQuota('acme');
    try {
      expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ held: 1, retried: 0, failed: 0 });
      const row = await ctx.db.callActivity.findFirstOrThrow({ where: { callId: calls[0] } });
      expect(row).toMatchObject({ status: 'PENDING', attempts: 0 });
    } finally {
      await ctx.emulator.control.resetApiQuota('acme');
    }
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 1 });
  });

  it('marks FAILED after 8 failed attempts, keeping the error', async () => {
    const [callId] = await postCalls(1);
    await ctx.emulator.control.failNextRequests(8, 500, 'composite/sobjects');
    for (let attempt = 1; attempt <= 8; attempt++) {
      await runWriteBackOnce(ctx.deps, FAST);
      await makeDue();
    }
    const view = (await world.api.get(`/call-activities/${callId}`).expect(200)).body;
    expect(view).toMatchObject({ state: 'failed', attempts: 8, taskId: null, error: expect.any(String) });
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 0 });
    expect(await tasksFor([callId!])).toHaveLength(0);
  });

  it('several workers share the outbox: each call is claimed and sent once', async () => {
    const calls = await postCalls(30);
    const worker = async () => {
      while ((await runWriteBackOnce(ctx.deps, { ...FAST, batchSize: 4 })).claimed > 0) {}
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(await tasksFor(calls)).toHaveLength(30);
    expect(await ctx.db.callActivity.count({ where: { callId: { in: calls }, status: 'SENT' } })).toBe(30);
  });

  it('startWriteBack sends in the background until stopped', async () => {
    const calls = await postCalls(3);
    const worker = startWriteBack(ctx.deps, { ...FAST, intervalMs: 20 });
    try {
      await expect
        .poll(async () => ctx.db.callActivity.count({ where: { callId: { in: calls }, status: 'SENT' } }), {
          timeout: 10_000,
        })
        .toBe(3);
    } finally {
      await worker.stop();
    }
  });
});
