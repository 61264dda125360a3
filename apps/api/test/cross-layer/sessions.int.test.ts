import { createHash } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSessionSweep, sweepSessions } from '../../src/modules/auth/session-sweep.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { ORIGIN, useTestContext } from '../context.ts';

const ctx = useTestContext();
const MINUTE = 60_000;

async function logIn(email: string) {
  const res = await request(ctx.app)
    .post('/api/auth/login')
    .set('Origin', ORIGIN)
    .send({ email, password: DEMO_PASSWORD })
    .expect(204);
  const cookie = res.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
  const id = createHash('sha256').update(cookie.split('=')[1]!).digest('hex');
  return { cookie, id };
}
const me = (cookie: string) => request(ctx.app).get('/api/auth/me').set('Cookie', cookie);
const lastSeen = (id: string, minutesAgo: number) =>
  ctx.db.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - minutesAgo * MINUTE) } });

describe('session idle timeout', () => {
  it('defaults to two hours', () => {
    expect(ctx.deps.env.SESSION_IDLE_MINUTES).toBe(120);
  });

  it('ends a session unused for longer than the idle limit, though its lifetime remains', async () => {
    const { cookie, id } = await logIn('agent@demo.test');
    await lastSeen(id, 121);
    expect((await ctx.db.session.findUniqueOrThrow({ where: { id } })).expiresAt.getTime()).toBeGreaterThan(
      Date.now(),
    );
    await me(cookie).expect(401);
    expect(await ctx.db.session.findUnique({ where: { id } })).toBeNull();
  });

  it('keeps a session in use, and its use moves the idle limit on', async () => {
    const { cookie, id } = await logIn('admin@demo.test');
    await lastSeen(id, 110);
    await me(cookie).expect(200);
    const touched = await ctx.db.session.findUniqueOrThrow({ where: { id } });
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(MINUTE);
  });
});

describe('session sweep', () => {
  it('deletes sessions past their lifetime or idle limit and keeps live ones', async () => {
    const expired = await logIn('support@demo.test');
    const idle = await logIn('support@demo.test');
    const live = await logIn('support@demo.test');
    await ctx.db.session.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await lastSeen(idle.id, 125);
    expect(await sweepSessions(ctx.deps)).toBe(2);
    const left = await ctx.db.session.findMany({ where: { id: { in: [expired.id, idle.id, live.id] } } });
    expect(left.map((s) => s.id)).toEqual([live.id]);
  });

  it('runs periodically once started', async () => {
    const sweep = startSessionSweep(ctx.deps, 50);
    try {
      await sweep.settled(); // the run at start is over: only a later one can delete what follows
      const later = await logIn('admin@other.test');
      await lastSeen(later.id, 200);
      await expect.poll(() => ctx.db.session.count({ where: { id: later.id } })).toBe(0);
    } finally {
      await sweep.stop();
    }
  });
});
