import { gzipSync } from 'node:zlib';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/modules/data-sources/cursor.ts';
import { createKey, v1 } from '../api-keys.ts';
import { useTestContext } from '../context.ts';

// The inputs a security review found answering 500: each must be a 400 in the one error shape and
// change nothing. The fuzz test (fuzz.int.test.ts) covers the wider space; these pin the findings.
const ctx = useTestContext();
let admin: request.Agent;
let api: ReturnType<typeof v1>;
let sourceId: string;

const call = (callId: string, overrides: object = {}) => ({
  callId,
  recordId: '003000000000001AAA',
  direction: 'Outbound',
  startedAt: '2026-11-28T10:15:00.000Z',
  durationSeconds: 95,
  disposition: 'Connected',
  ...overrides,
});

// Raw JSON text, so a lone surrogate reaches the server as the escape a client would send.
const LONE_SURROGATE = 'x\\ud800y';

function expectClientError(res: request.Response, status = 400) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  });
}

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  api = v1(ctx.app, (await createKey(admin)).key);
  const demo = await ctx.orgId('Demo Org');
  const sync = await ctx.db.objectSync.create({ data: { organizationId: demo, object: 'CONTACT' } });
  sourceId = (
    await ctx.db.campaignDataSource.create({
      data: { organizationId: demo, campaignId: 'c-1', objectSyncId: sync.id },
    })
  ).id;
});

describe('NUL and lone surrogates in string fields', () => {
  it('refuses them in an API key name', async () => {
    const before = await ctx.db.apiKey.count();
    expectClientError(
      await admin.post('/api/api-keys').send({ name: 'a\u0000b', scopes: ['data-sources:read'] }),
    );
    expectClientError(
      await admin
        .post('/api/api-keys')
        .set('Content-Type', 'application/json')
        .send(`{"name":"${LONE_SURROGATE}","scopes":["data-sources:read"]}`),
    );
    expect(await ctx.db.apiKey.count()).toBe(before);
  });

  it('refuses them in a call disposition and notes', async () => {
    expectClientError(
      await api.post('/call-activities').send(call('nul-1', { disposition: 'Con\u0000nected' })),
    );
    expectClientError(await api.post('/call-activities').send(call('nul-2', { notes: '\u0000' })));
    expectClientError(
      await api
        .post('/call-activities')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(call('nul-3')).replace('"Connected"', `"${LONE_SURROGATE}"`)),
    );
    expect(await ctx.db.callActivity.count({ where: { callId: { startsWith: 'nul-' } } })).toBe(0);
  });

  it('refuses them in a data-source filter value', async () => {
    const before = await ctx.db.campaignDataSource.count();
    const res = await api
      .post('/campaigns/c-2/data-sources')
      .send({ object: 'Contact', filter: { country: 'U\u0000S' } });
    expectClientError(res);
    expect(await ctx.db.campaignDataSource.count()).toBe(before);
  });

  it('refuses them in cursors', async () => {
    expectClientError(await api.get(`/data-sources/${sourceId}/records?cursor=%00`));
    const nulCursor = encodeCursor({ k: 'records', after: '003\u0000' });
    expectClientError(await api.get(`/data-sources/${sourceId}/records?cursor=${nulCursor}`));
    const loneCursor = encodeCursor({ k: 'records', after: '003\ud800' });
    expectClientError(await api.get(`/data-sources/${sourceId}/records?cursor=${loneCursor}`));
  });
});

describe('cursors are range-checked', () => {
  it('refuses a change-feed seq above 2^63-1 and accepts the largest bigint', async () => {
    const over = encodeCursor({ k: 'changes', seq: '9223372036854775808' });
    expectClientError(await api.get(`/data-sources/${sourceId}/changes?cursor=${over}`));
    const max = encodeCursor({ k: 'changes', seq: '9223372036854775807' });
    await api.get(`/data-sources/${sourceId}/changes?cursor=${max}`).expect(200);
  });
});

describe('call activity dates', () => {
  it.each([
    ['year 10000 in UTC', '9999-12-31T23:59:59-14:00'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['before 1970', '1969-12-31T23:59:59Z'],
    ['more than a day ahead', new Date(Date.now() + 2 * 86_400_000).toISOString()],
  ])('refuses %s and stores nothing', async (_name, startedAt) => {
    const callId = `date-${startedAt.replace(/[^0-9]/g, '')}`;
    expectClientError(await api.post('/call-activities').send(call(callId, { startedAt })));
    expect(await ctx.db.callActivity.count({ where: { callId } })).toBe(0);
  });

  it('accepts a call starting within the next day, and the same body again', async () => {
    const startedAt = new Date(Date.now() + 3_600_000).toISOString();
    await api.post('/call-activities').send(call('date-soon', { startedAt })).expect(202);
    await api.post('/call-activities').send(call('date-soon', { startedAt })).expect(202);
  });
});

describe('malformed requests keep their 4xx status', () => {
  it('answers 400 for malformed percent-encoding in a path, session and /api/v1', async () => {
    expectClientError(await admin.delete('/api/api-keys/%E0%A4%A'));
    expectClientError(await api.get('/data-sources/%E0%A4%A'));
    expectClientError(await api.get('/call-activities/%E0%A4%A'));
  });

  it('answers 400 for a body that claims gzip but is not', async () => {
    const res = await admin
      .post('/api/api-keys')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"name":"x","scopes":["data-sources:read"]}');
    expectClientError(res);
    const v1res = await api
      .post('/call-activities')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('not gzip at all');
    expectClientError(v1res);
  });

  it('still takes a real gzip body', async () => {
    await admin
      .post('/api/api-keys')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      // Raw bytes: superagent would otherwise JSON-encode the Buffer itself.
      .serialize((body) => body as string)
      .send(gzipSync(JSON.stringify({ name: 'zipped', scopes: ['data-sources:read'] })))
      .expect(201);
  });
});
