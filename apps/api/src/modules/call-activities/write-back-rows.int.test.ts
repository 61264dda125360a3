import { callActivityView } from '@ch/contracts';
import { describe, expect, it } from 'vitest';
import { FAST, useWriteBackContext } from '../../../test/write-back.ts';
import { runWriteBackOnce } from './write-back.ts';

const world = useWriteBackContext('row');
const { ctx, postCalls, tasksFor, makeDue } = world;
const stored = (callId: string, column: string, value: string) =>
  ctx.db.$executeRawUnsafe(
    `UPDATE "CallActivity" SET "${column}" = $1::timestamptz WHERE "callId" = $2`,
    value,
    callId,
  );

describe('write-back, one call at a time', () => {
  it('a batch with one call that cannot become a Task writes the others; that one fails alone with its reason', async () => {
    const calls = await postCalls(3);
    // Stored before dates were validated: PostgreSQL keeps it, JavaScript reads Invalid Date.
    await stored(calls[1]!, 'startedAt', '10000-01-01T04:00:00Z');
    // A slow Salesforce and a short lease: the claim is renewed after that row failed, and the
    // others are still sent.
    await ctx.emulator.control.setLatency(300);
    expect(await runWriteBackOnce(ctx.deps, { ...FAST, leaseMs: 150 })).toMatchObject({
      claimed: 3,
      sent: 2,
      failed: 1,
    });
    await ctx.emulator.control.setLatency(0);
    expect(await tasksFor([calls[0]!, calls[2]!])).toHaveLength(2);
    expect(await tasksFor([calls[1]!])).toHaveLength(0);
    const view = callActivityView.parse(
      (await world.api.get(`/call-activities/${calls[1]}`).expect(200)).body,
    );
    expect(view).toMatchObject({ state: 'failed', startedAt: null, taskId: null, attempts: 1 });
    expect(view.error).toMatch(/^Cannot become a Salesforce Task: its start time is not a date/);
  });

  it('a call dated outside the years Salesforce accepts fails alone, saying so', async () => {
    const calls = await postCalls(2);
    await stored(calls[0]!, 'startedAt', '1650-06-01T00:00:00Z');
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 1, failed: 1 });
    const view = (await world.api.get(`/call-activities/${calls[0]}`).expect(200)).body;
    expect(view).toMatchObject({ state: 'failed', startedAt: '1650-06-01T00:00:00.000Z' });
    expect(view.error).toContain('outside the dates Salesforce accepts');
  });

  it.each([
    ['startedAt', 'infinity'],
    ['startedAt', '-infinity'],
    ['startedAt', '0044-03-15T12:00:00Z BC'],
    ['createdAt', '10000-01-01T00:00:00Z'],
    ['sentAt', 'infinity'],
  ])('GET answers 200 in the contract’s shape when %s is stored as %s', async (column, value) => {
    const [callId] = await postCalls(1);
    await stored(callId!, column, value);
    const res = await world.api.get(`/call-activities/${callId}`).expect(200);
    expect(callActivityView.safeParse(res.body).success).toBe(true);
    expect(res.body[column]).toBeNull();
    // Settled, so the later tests' passes leave it alone.
    await ctx.db.callActivity.updateMany({ where: { callId: callId! }, data: { status: 'FAILED' } });
  });
});

describe('write-back, per-record refusals', () => {
  it('UNABLE_TO_LOCK_ROW on a busy Contact retries with backoff, then logs the call once', async () => {
    const [busy, free] = await postCalls(2);
    const busyContact = world.contactIds[0]!;
    await ctx.emulator.control.lockRecords([busyContact], 2);

    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
    expect(await ctx.db.callActivity.findFirstOrThrow({ where: { callId: busy! } })).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: expect.stringContaining('UNABLE_TO_LOCK_ROW'),
    });
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ retried: 1 });
    await makeDue();
    expect(await runWriteBackOnce(ctx.deps, FAST)).toMatchObject({ sent: 1 });

    const [task] = await tasksFor([busy!]);
    expect(task).toMatchObject({ WhoId: busyContact });
    expect(await tasksFor([free!])).toHaveLength(1);
    const view = (await world.api.get(`/call-activities/${busy}`).expect(200)).body;
    expect(view).toMatchObject({ state: 'sent', taskId: task!.Id, attempts: 2, error: null });
  });
});
