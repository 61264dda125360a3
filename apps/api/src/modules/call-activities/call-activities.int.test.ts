import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';

const ctx = useTestContext();
let api: ReturnType<typeof v1>;

const call = (callId: string, overrides: object = {}) => ({
  callId,
  recordId: '003000000000001AAA',
  direction: 'Outbound',
  startedAt: '2026-11-28T10:15:00.000Z',
  durationSeconds: 95,
  disposition: 'Connected',
  notes: 'Asked for a callback next week.',
  ...overrides,
});

beforeAll(async () => {
  api = v1(ctx.app, (await createKey(await ctx.loginAs('admin@demo.test'), ['call-activities:write'])).key);
});

describe('POST /api/v1/call-activities', () => {
  it('stores the call first and answers 202 pending; GET gives its state', async () => {
    const res = await api.post('/call-activities').send(call('call-1')).expect(202);
    expect(res.body).toMatchObject({
      callId: 'call-1',
      direction: 'Outbound',
      durationSeconds: 95,
      state: 'pending',
      taskId: null,
      error: null,
      attempts: 0,
    });
    expect((await api.get('/call-activities/call-1').expect(200)).body).toEqual(res.body);
    expect(await ctx.db.callActivity.count({ where: { callId: 'call-1', status: 'PENDING' } })).toBe(1);
  });

  it('is idempotent on callId: the same body again is 202 with the same activity', async () => {
    const first = await api.post('/call-activities').send(call('call-2')).expect(202);
    // The same instant written with another offset is the same call.
    const again = await api
      .post('/call-activities')
      .send(call('call-2', { startedAt: '2026-11-28T11:15:00+01:00' }))
      .expect(202);
    expect(again.body).toEqual(first.body);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => api.post('/call-activities').send(call('call-3'))),
    );
    expect(concurrent.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(await ctx.db.callActivity.count({ where: { callId: { in: ['call-2', 'call-3'] } } })).toBe(2);
  });

  it('answers 409 for a different body under a used callId, changing nothing', async () => {
    await api.post('/call-activities').send(call('call-4')).expect(202);
    const res = await api
      .post('/call-activities')
      .send(call('call-4', { disposition: 'Voicemail' }))
      .expect(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', issues: [{ path: 'callId' }] });
    expect((await api.get('/call-activities/call-4').expect(200)).body.disposition).toBe('Connected');
  });

  it.each([
    ['a record id that is not a Contact or Lead', { recordId: '001000000000001AAA' }, 'recordId'],
    ['an unknown direction', { direction: 'Sideways' }, 'direction'],
    ['a start without a time zone', { startedAt: '2026-11-28T10:15:00' }, 'startedAt'],
    ['a negative duration', { durationSeconds: -1 }, 'durationSeconds'],
    ['a fractional duration', { durationSeconds: 1.5 }, 'durationSeconds'],
    ['an empty disposition', { disposition: ' ' }, 'disposition'],
    ['a call id with spaces', { callId: 'a b' }, 'callId'],
    ['a call id over 255 characters', { callId: 'x'.repeat(256) }, 'callId'],
    ['an unknown field', { whatId: '006000000000001AAA' }, ''],
  ])('refuses %s with 400 naming the field and stores nothing', async (_name, overrides, field) => {
    const before = await ctx.db.callActivity.count();
    const res = await api.post('/call-activities').send(call('bad-1', overrides)).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await ctx.db.callActivity.count()).toBe(before);
  });

  it('GET answers 404 for an unknown call, and for another organization’s call', async () => {
    await api.get('/call-activities/never-made').expect(404);
    const other = await ctx.orgId('Other Org');
    await ctx.db.callActivity.create({
      data: {
        organizationId: other,
        callId: 'theirs',
        recordId: '003000000000001AAA',
        direction: 'INBOUND',
        startedAt: new Date(),
        durationSeconds: 1,
        disposition: 'x',
      },
    });
    await api.get('/call-activities/theirs').expect(404);
    // The same call id is free for this organization: ids are unique per organization only.
    await api.post('/call-activities').send(call('theirs')).expect(202);
  });
});
