import { createHash } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';

const ctx = useTestContext();
let admin: request.Agent;

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
});

describe('POST /api/api-keys', () => {
  it('returns the key once, stores only its SHA-256 and a display prefix, and audits it', async () => {
    const res = await admin
      .post('/api/api-keys')
      .send({ name: 'Dialler', scopes: ['data-sources:read'] })
      .expect(201);
    const { key, apiKey } = res.body;
    expect(key).toMatch(/^chk_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({
      name: 'Dialler',
      scopes: ['data-sources:read'],
      createdBy: 'admin@demo.test',
    });
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    expect(res.headers['cache-control']).toBe('no-store');
    const row = await ctx.db.apiKey.findFirstOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = (await admin.get('/api/api-keys').expect(200)).body.apiKeys;
    expect(listed.find((k: { id: string }) => k.id === apiKey.id)).toEqual(apiKey);
    expect(JSON.stringify(listed)).not.toContain(key);
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: 'api_key.created' } });
    expect(audit.details).toMatchObject({ apiKeyId: apiKey.id, scopes: ['data-sources:read'] });
    expect(JSON.stringify(audit.details)).not.toContain(key);
    expect(ctx.logs.join('\n')).not.toContain(key);
  });

  it.each([
    ['no name', { scopes: ['data-sources:read'] }, 'name'],
    ['no scopes', { name: 'x', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: 'x', scopes: ['admin'] }, 'scopes.0'],
    ['a repeated scope', { name: 'x', scopes: ['data-sources:read', 'data-sources:read'] }, 'scopes'],
    ['an unknown key', { name: 'x', scopes: ['data-sources:read'], organizationId: 'x' }, ''],
  ])('refuses %s with 400 naming the field and creates nothing', async (_name, body, field) => {
    const before = await ctx.db.apiKey.count();
    const res = await admin.post('/api/api-keys').send(body).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await ctx.db.apiKey.count()).toBe(before);
  });
});

describe('API keys on /api/v1', () => {
  it('a key works as a bearer token and records its last use at most once a minute', async () => {
    const { id, key } = await createKey(admin, ['data-sources:read']);
    await v1(ctx.app, key).get('/data-sources/available').expect(200);
    const first = (await ctx.db.apiKey.findFirstOrThrow({ where: { id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await v1(ctx.app, key).get('/data-sources/available').expect(200);
    expect((await ctx.db.apiKey.findFirstOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
  });

  it('while Integrations is off, a key meets the 404 before its scope, and the call is not a use', async () => {
    const { id, key } = await createKey(admin, ['data-sources:read']);
    const { organizationId } = await ctx.db.apiKey.findFirstOrThrow({ where: { id } });
    const flag = { organizationId_key: { organizationId, key: 'integrations' } };
    await ctx.db.featureFlag.update({ where: flag, data: { enabled: false } });
    try {
      const res = await v1(ctx.app, key).post('/call-activities').send({}).expect(404);
      expect(res.body.error).toMatchObject({ code: 'not_found', message: 'No such endpoint.' });
      await v1(ctx.app, key).get('/data-sources/available').expect(404);
      expect((await ctx.db.apiKey.findFirstOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    } finally {
      await ctx.db.featureFlag.update({ where: flag, data: { enabled: true } });
    }
    await v1(ctx.app, key).get('/data-sources/available').expect(200);
  });

  it('a key without the scope is refused with 403', async () => {
    const { key } = await createKey(admin, ['data-sources:read']);
    const res = await v1(ctx.app, key).post('/call-activities').send({}).expect(403);
    expect(res.body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('call-activities:write'),
    });
  });

  it('a revoked key stops working at once (401), and revoking is audited', async () => {
    const { id, key } = await createKey(admin);
    await v1(ctx.app, key).get('/data-sources/available').expect(200);
    await admin.delete(`/api/api-keys/${id}`).expect(204);
    const res = await v1(ctx.app, key).get('/data-sources/available').expect(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(await ctx.db.auditEvent.count({ where: { action: 'api_key.revoked' } })).toBe(1);
    await admin.delete(`/api/api-keys/${id}`).expect(204);
    expect(await ctx.db.auditEvent.count({ where: { action: 'api_key.revoked' } })).toBe(1);
    const listed = (await admin.get('/api/api-keys').expect(200)).body.apiKeys;
    expect(listed.find((k: { id: string }) => k.id === id).revokedAt).not.toBeNull();
  });

  it('session cookies are refused on /api/v1', async () => {
    const res = await admin.get('/api/v1/data-sources/available').expect(401);
    expect(res.body.error.message).toContain('Session cookies do not work');
  });

  it.each([
    ['no key', undefined],
    ['a malformed header', 'Basic abc'],
    ['an unknown key', `Bearer chk_live_${'a'.repeat(43)}`],
    ['garbage', 'Bearer nope'],
  ])('refuses %s with 401 in the one error shape', async (_name, header) => {
    const req = request(ctx.app).get('/api/v1/data-sources/available');
    const res = await (header ? req.set('Authorization', header) : req).expect(401);
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('needs no Origin or CSRF rule: a POST from anywhere with a key works, a form-encoded body is a 400', async () => {
    const { key } = await createKey(admin);
    await v1(ctx.app, key)
      .post('/campaigns/c-1/data-sources')
      .set('Origin', 'https://elsewhere.example')
      .send({ object: 'Contact' })
      .expect(409);
    const res = await v1(ctx.app, key).post('/call-activities').type('form').send('callId=x').expect(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('a key of another admin organization cannot be revoked from here (404)', async () => {
    const other = await ctx.orgId('Other Org');
    const row = await ctx.db.apiKey.create({
      data: { organizationId: other, name: 'theirs', prefix: 'chk_live_x', hash: 'x'.repeat(64), scopes: [] },
    });
    await admin.delete(`/api/api-keys/${row.id}`).expect(404);
    expect((await ctx.db.apiKey.findFirstOrThrow({ where: { id: row.id } })).revokedAt).toBeNull();
  });
});
