import type { RunningEmulator } from '@ch/salesforce-emulator';
import { afterEach, beforeAll, expect } from 'vitest';
import { taskKey } from '../src/modules/call-activities/task-input.ts';
import { createKey, v1 } from './api-keys.ts';
import { useTestContext } from './context.ts';
import { connectSalesforce } from './salesforce-sign-in.ts';

// Patient production backoff and retries, shortened: these tests inject failures on purpose.
export const FAST = { retry: { maxRetries: 1, minTimeoutMs: 10 }, baseBackoffMs: 1, maxBackoffMs: 1 };

let serial = 0;

/** Posts `count` calls through /api/v1, one per Contact in turn; answers their call ids. */
export async function postCalls(
  api: ReturnType<typeof v1>,
  contactIds: string[],
  count: number,
  prefix = 'wb',
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => `${prefix}-${++serial}`);
  for (const [i, callId] of ids.entries()) {
    await api
      .post('/call-activities')
      .send({
        callId,
        recordId: contactIds[i % contactIds.length],
        direction: 'Inbound',
        startedAt: '2026-11-27T22:30:00-08:00',
        durationSeconds: 42 + i,
        disposition: 'Connected',
        notes: `Call ${callId}`,
      })
      .expect(202);
  }
  return ids;
}

/** The Tasks logged in acme for these calls of one organization. */
export async function tasksFor(emulator: RunningEmulator, organizationId: string, callIds: string[]) {
  const keys = callIds.map((callId) => taskKey(organizationId, callId));
  return (await emulator.control.records('acme', 'Task')).filter((t) => keys.includes(String(t.CallObject)));
}

/** The invariant of every write-back test: no call is ever logged twice. */
export async function expectOneTaskPerCall(emulator: RunningEmulator): Promise<void> {
  const perCall = new Map<string, number>();
  for (const task of await emulator.control.records('acme', 'Task'))
    perCall.set(String(task.CallObject), (perCall.get(String(task.CallObject)) ?? 0) + 1);
  for (const [callObject, count] of perCall) expect(count, callObject).toBe(1);
}

/**
 * A write-back test file's world: Demo Org connected to acme, an API key for its calls, and after
 * each test the emulator's faults cleared and the one-Task-per-call invariant checked.
 */
export function useWriteBackContext(prefix: string) {
  const ctx = useTestContext();
  const world = {
    ctx,
    api: undefined as unknown as ReturnType<typeof v1>,
    contactIds: [] as string[],
    organizationId: '',
    postCalls: (count: number) => postCalls(world.api, world.contactIds, count, prefix),
    tasksFor: (callIds: string[]) => tasksFor(ctx.emulator, world.organizationId, callIds),
    rowOf: (callId: string) => ctx.db.callActivity.findFirstOrThrow({ where: { callId } }),
    makeDue: () => ctx.db.callActivity.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1000) } }),
  };
  beforeAll(async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    world.api = v1(ctx.app, (await createKey(admin, ['call-activities:write'])).key);
    world.contactIds = (await ctx.emulator.control.records('acme', 'Contact')).map((r) => String(r.Id));
    world.organizationId = await ctx.orgId('Demo Org');
  });
  afterEach(async () => {
    await ctx.emulator.control.clearFaults();
    await expectOneTaskPerCall(ctx.emulator);
  });
  return world;
}
