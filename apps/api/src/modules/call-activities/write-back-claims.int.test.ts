import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FAST, useWriteBackContext } from '../../../test/write-back.ts';
import { claimDue, failAttempt, markSent } from './outbox.ts';
import { runWriteBackOnce } from './write-back.ts';

const world = useWriteBackContext('claim');
const { ctx, postCalls, tasksFor, rowOf, makeDue } = world;

describe('write-back claims', () => {
  it('a pass that outlives its lease keeps its calls: a second worker never logs them again', async () => {
    const [callId] = await postCalls(1);
    // Every Salesforce call takes 800 ms, the lease is 200 ms: without renewal the second worker
    // claims the row at 400 ms and looks the Task up before the first worker's create commits.
    await ctx.emulator.control.setLatency(800);
    const options = { ...FAST, leaseMs: 200 };
    const first = runWriteBackOnce(ctx.deps, options);
    await sleep(400);
    const second = runWriteBackOnce(ctx.deps, options);
    await Promise.all([first, second]);
    await ctx.emulator.control.setLatency(0);

    const tasks = await tasksFor([callId!]);
    expect(tasks).toHaveLength(1);
    expect(await rowOf(callId!)).toMatchObject({ status: 'SENT', taskId: tasks[0]!.Id });
  });

  it('a worker that finds its claim taken while it looks up sends nothing and records nothing', async () => {
    const [callId] = await postCalls(1);
    await ctx.emulator.control.setLatency(600, 'queryAll');
    const pass = runWriteBackOnce(ctx.deps, { ...FAST, leaseMs: 150 });
    await expect.poll(async () => (await rowOf(callId!)).status).toBe('SENDING');
    // As if this worker had stalled past its lease and another had claimed the row meanwhile.
    const other = randomUUID();
    await ctx.db.callActivity.updateMany({ where: { callId: callId! }, data: { claimToken: other } });
    await pass;
    expect(await tasksFor([callId!])).toHaveLength(0);
    expect(await rowOf(callId!)).toMatchObject({ status: 'SENDING', claimToken: other, attempts: 0 });
    await ctx.emulator.control.clearFaults();
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 1 });
  });

  it('outcomes of a claim that lapsed are not recorded over the claim that replaced it', async () => {
    const [callId] = await postCalls(1);
    const stale = randomUUID();
    const [row] = await claimDue(ctx.db, {
      organizationId: world.organizationId,
      token: stale,
      limit: 10,
      leaseMs: 60_000,
    });
    await makeDue(); // the stale worker stalled for its whole lease
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    const sent = await rowOf(callId!);

    // The stalled worker wakes up and reports what it believes happened.
    await markSent(ctx.db, stale, [{ id: row!.id, taskId: '00T000000000000AAA' }]);
    await failAttempt(ctx.db, stale, row!, 'late', { final: true, delayMs: 0 });
    expect(await rowOf(callId!)).toEqual(sent);
  });

  it('a connection reset after Salesforce created the Task: the retry finds that Task', async () => {
    const [callId] = await postCalls(1);
    await ctx.emulator.control.resetAfterNextRequests(1, 'composite/sobjects');
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const [task] = await tasksFor([callId!]);
    expect(task).toBeDefined();
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await rowOf(callId!)).toMatchObject({ status: 'SENT', taskId: task!.Id, attempts: 1 });
  });

  it('a Salesforce call that times out is retried only after looking its Task up again', async () => {
    const [callId] = await postCalls(1);
    // The create is delayed past the timeout; Salesforce still completes it after we gave up.
    await ctx.emulator.control.setLatency(1_000, 'composite/sobjects');
    const outcome = await runWriteBackOnce(ctx.deps, { ...FAST, callTimeoutMs: 300 });
    expect(outcome).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    const retried = await rowOf(callId!);
    expect(retried).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: expect.stringContaining('TIMEOUT'),
    });
    // An unknown outcome waits about the timeout (300 ms), not the 1 ms backoff, before anyone looks again.
    expect(retried.nextAttemptAt.getTime() - retried.updatedAt.getTime()).toBeGreaterThan(150);
    await expect.poll(async () => (await tasksFor([callId!])).length, { timeout: 5_000 }).toBe(1);

    await ctx.emulator.control.clearFaults();
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 1, sent: 1 });
    const [task] = await tasksFor([callId!]);
    expect(await rowOf(callId!)).toMatchObject({ status: 'SENT', taskId: task!.Id });
  });
});
