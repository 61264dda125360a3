import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isSalesforceError, type SalesforceClient } from '../../src/index.ts';
import { ACME, clientFor, connect, type Emulator, start } from './setup.ts';

describe('call Tasks, limits and faults', () => {
  let emu: Emulator;
  let acme: SalesforceClient;
  let contactId: string;
  const tasksNamed = async (prefix: string) =>
    (await emu.control.records('acme', 'Task')).filter((t) => String(t.CallObject).startsWith(prefix));

  beforeAll(async () => {
    emu = await start();
    acme = clientFor(emu, await connect(emu, ACME)).client;
    contactId = String((await emu.control.records('acme', 'Contact'))[0]?.Id);
  });
  afterEach(async () => {
    await emu.control.clearFaults();
    await emu.control.resetApiQuota('acme');
  });
  afterAll(async () => {
    await emu.close();
  });

  it('creates one Task per CallObject, even when called twice', async () => {
    const call = {
      callObject: 'idem-1',
      whoId: contactId,
      callType: 'Inbound' as const,
      callDurationInSeconds: 95,
      callDisposition: 'Resolved',
      activityDate: '2026-11-28',
      description: 'Caller asked about invoices',
    };
    const first = await acme.createTasks([call, { callObject: 'idem-2', whoId: contactId }]);
    expect(first).toEqual([
      { callObject: 'idem-1', ok: true, taskId: expect.stringMatching(/^00T/), created: true },
      { callObject: 'idem-2', ok: true, taskId: expect.stringMatching(/^00T/), created: true },
    ]);
    const second = await acme.createTasks([call, { callObject: 'idem-3' }]);
    expect(second[0]).toEqual({
      callObject: 'idem-1',
      ok: true,
      taskId: (first[0] as { taskId: string }).taskId,
      created: false,
    });
    expect(second[1]).toMatchObject({ callObject: 'idem-3', ok: true, created: true });

    const stored = await tasksNamed('idem-');
    expect(stored).toHaveLength(3);
    expect(stored.find((t) => t.CallObject === 'idem-1')).toMatchObject({
      Subject: 'Call',
      TaskSubtype: 'Call',
      Status: 'Completed',
      WhoId: contactId,
      CallType: 'Inbound',
      CallDurationInSeconds: 95,
      CallDisposition: 'Resolved',
    });
  });

  it('treats a Task left by an earlier uncertain attempt as done, and dedupes inputs', async () => {
    // As if a previous POST reached Salesforce but its response was lost.
    const [earlier] = (
      await emu.control.createRecords('acme', 'Task', [{ Subject: 'Call', CallObject: 'lost-1' }])
    ).results;
    const results = await acme.createTasks([
      { callObject: 'lost-1' },
      { callObject: 'dup-1' },
      { callObject: 'dup-1' },
    ]);
    expect(results[0]).toEqual({ callObject: 'lost-1', ok: true, taskId: earlier?.id, created: false });
    expect(results[1]).toEqual(results[2]);
    expect(await tasksNamed('lost-')).toHaveLength(1);
    expect(await tasksNamed('dup-')).toHaveLength(1);
  });

  it('does not recreate a Task someone deleted', async () => {
    const [first] = await acme.createTasks([{ callObject: 'deleted-1' }]);
    const taskId = (first as { taskId: string }).taskId;
    await emu.control.deleteRecords('acme', 'Task', [taskId]);
    const [again] = await acme.createTasks([{ callObject: 'deleted-1' }]);
    expect(again).toEqual({ callObject: 'deleted-1', ok: true, taskId, created: false });
    expect(await tasksNamed('deleted-')).toHaveLength(1);
  });

  it('splits more than 200 Tasks into composite batches', async () => {
    const inputs = Array.from({ length: 250 }, (_, i) => ({ callObject: `bulk-${i}` }));
    const results = await acme.createTasks(inputs);
    expect(results.every((r) => r.ok && r.created)).toBe(true);
    expect(await tasksNamed('bulk-')).toHaveLength(250);
  });

  it('reports a failed batch as retryable, and the retry creates each Task once', async () => {
    await emu.control.failNextRequests(1, 503, '/composite/sobjects');
    const failed = await acme.createTasks([{ callObject: 'retry-1' }]);
    expect(failed[0]).toMatchObject({ ok: false, error: { retryable: true } });
    const retried = await acme.createTasks([{ callObject: 'retry-1' }]);
    expect(retried[0]).toMatchObject({ ok: true, created: true });
    expect(await tasksNamed('retry-')).toHaveLength(1);
  });

  it('reports a record refused for a lock as retryable, and one refused for its values as not', async () => {
    await emu.control.lockRecords([contactId], 1);
    const [locked, invalid] = await acme.createTasks([
      { callObject: 'lock-1', whoId: contactId },
      { callObject: 'lock-2', callType: 'Inbound', status: 'x'.repeat(41) },
    ]);
    expect(locked).toMatchObject({ ok: false, error: { code: 'UNABLE_TO_LOCK_ROW', retryable: true } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'STRING_TOO_LONG', retryable: false } });
    expect(await acme.createTasks([{ callObject: 'lock-1', whoId: contactId }])).toMatchObject([
      { ok: true, created: true },
    ]);
  });

  it('counts a Task under a legacy key only when its WhoId is the call’s', async () => {
    const { results } = await emu.control.createRecords('acme', 'Task', [
      { Subject: 'Call', CallObject: 'legacy-1', WhoId: contactId },
    ]);
    const [mine, theirs] = await acme.createTasks([
      { callObject: 'org-a:legacy-1', legacyCallObject: 'legacy-1', whoId: contactId.slice(0, 15) },
      { callObject: 'org-b:legacy-1', legacyCallObject: 'legacy-1', whoId: '003000000000009AAA' },
    ]);
    expect(mine).toEqual({ callObject: 'org-a:legacy-1', ok: true, taskId: results[0]?.id, created: false });
    expect(theirs).toMatchObject({ ok: true, created: true });
  });

  it('reads the daily API limit', async () => {
    const before = await acme.limits();
    expect(before.dailyApiRequests.max).toBe(100_000);
    const after = await acme.limits();
    expect(after.dailyApiRequests.remaining).toBeLessThan(before.dailyApiRequests.remaining);
  });

  it('reports rate_limited once the quota is exhausted', async () => {
    await emu.control.exhaustApiQuota('acme');
    const err = await acme.count('Contact').catch((e) => e);
    expect(isSalesforceError(err, 'rate_limited')).toBe(true);
    expect(err.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(err.retryable).toBe(true);
  });

  it('retries a few injected 503s, then reports transient when they persist', async () => {
    await emu.control.failNextRequests(2, 503);
    expect(await acme.count('Lead')).toBe(120);

    // maxRetries is 2 in these tests: three failures in a row exhaust it.
    await emu.control.failNextRequests(3, 503);
    const err = await acme.count('Lead').catch((e) => e);
    expect(isSalesforceError(err, 'transient')).toBe(true);
    expect(err.status).toBe(503);

    await emu.control.failNextRequests(3, 500);
    const err500 = await acme.describe('Lead').catch((e) => e);
    expect(isSalesforceError(err500, 'transient')).toBe(true);
  });
});
