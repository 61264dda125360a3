import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ORIGIN, useTestContext } from '../../../test/context.ts';

const ctx = useTestContext();
const login = (body: unknown) =>
  request(ctx.app)
    .post('/api/auth/login')
    .set('Origin', ORIGIN)
    .send(body as object);

describe('POST /api/auth/login', () => {
  it('sets an httpOnly SameSite=Lax session cookie and GET /api/auth/me names the user', async () => {
    const res = await login({ email: 'admin@demo.test', password: 'demo-password' }).expect(204);
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^ch_session=[\w-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const me = await request(ctx.app).get('/api/auth/me').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(me.body).toMatchObject({
      user: { email: 'admin@demo.test', role: 'ADMIN' },
      organization: { name: 'Demo Org' },
      features: ['integrations'],
    });
  });

  it('issues a new session id at every login and stores only its hash', async () => {
    const first = await login({ email: 'agent@demo.test', password: 'demo-password' }).expect(204);
    const second = await login({ email: 'agent@demo.test', password: 'demo-password' }).expect(204);
    const token = (res: request.Response) =>
      /ch_session=([^;]+)/.exec(res.headers['set-cookie']?.[0] ?? '')?.[1];
    expect(token(first)).not.toEqual(token(second));
    const stored = await ctx.db.session.findMany({ select: { id: true } });
    expect(stored.map((s) => s.id)).not.toContain(token(first));
  });

  it('answers 401 with the same message for a wrong password and an unknown email', async () => {
    const wrong = await login({ email: 'admin@demo.test', password: 'nope' }).expect(401);
    const unknown = await login({ email: 'nobody@demo.test', password: 'nope' }).expect(401);
    expect(wrong.body).toEqual({
      error: { code: 'invalid_credentials', message: 'Invalid email or password.' },
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('rate-limits repeated failures for one account, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++)
      await login({ email: 'admin@other.test', password: `guess-${i}` }).expect(401);
    const res = await login({ email: 'admin@other.test', password: 'demo-password' }).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it.each([
    ['a wrong type', { email: 'admin@demo.test', password: 42 }],
    ['an unknown key', { email: 'admin@demo.test', password: 'demo-password', admin: true }],
    ['a huge string', { email: 'admin@demo.test', password: 'x'.repeat(10_000) }],
    ['a missing field', { email: 'admin@demo.test' }],
    ['not an email', { email: 'admin', password: 'demo-password' }],
  ])('answers 400 with the error shape for %s and creates no session', async (_name, body) => {
    const before = await ctx.db.session.count();
    const res = await login(body).expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(res.body.error.issues.length).toBeGreaterThan(0);
    expect(await ctx.db.session.count()).toBe(before);
  });

  it('answers 400 for malformed JSON and 413 for a body over 100 kB', async () => {
    const bad = await request(ctx.app)
      .post('/api/auth/login')
      .set('Origin', ORIGIN)
      .set('Content-Type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(bad.body.error.code).toBe('bad_request');
    const huge = await login({ email: 'a@b.test', password: 'x'.repeat(200_000) }).expect(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('refuses a cross-origin request and a non-JSON form post', async () => {
    const res = await request(ctx.app)
      .post('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .send({ email: 'admin@demo.test', password: 'demo-password' })
      .expect(403);
    expect(res.body.error.code).toBe('forbidden');
    await request(ctx.app)
      .post('/api/auth/login')
      .set('Origin', ORIGIN)
      .type('form')
      .send('email=admin@demo.test&password=demo-password')
      .expect(400);
  });

  it('never writes the password to the logs', async () => {
    await login({ email: 'admin@demo.test', password: 'demo-password' }).expect(204);
    expect(ctx.logs.join('\n')).not.toContain('demo-password');
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session on the server, so the old cookie no longer works', async () => {
    const res = await login({ email: 'support@demo.test', password: 'demo-password' }).expect(204);
    const cookie = res.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    await request(ctx.app).get('/api/auth/me').set('Cookie', cookie).expect(200);
    await request(ctx.app)
      .post('/api/auth/logout')
      .set('Origin', ORIGIN)
      .set('Cookie', cookie)
      .set('Content-Type', 'application/json')
      .expect(204);
    await request(ctx.app).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });
});
