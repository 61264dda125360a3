import { createDb } from '@ch/db';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ALLOWANCE, BASE_DELAY_S, reserveAttempt } from '../../src/modules/auth/login-throttle.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo.ts';
import { ORIGIN, useTestContext } from '../context.ts';

const ctx = useTestContext();
// Behind one proxy (TRUST_PROXY=1) the client address is the one X-Forwarded-For names.
let proxied: Express;
beforeAll(() => {
  proxied = createApp({ ...ctx.deps, env: { ...ctx.deps.env, TRUST_PROXY: 1 } });
});

const login = (app: Express, email: string, password: string, from?: string) => {
  const req = request(app).post('/api/auth/login').set('Origin', ORIGIN);
  if (from) req.set('X-Forwarded-For', from);
  return req.send({ email, password });
};
const statuses = (responses: request.Response[]) => responses.map((res) => res.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

/** Lets the lock on one key run out, as if its wait had passed. */
const expireLock = (key: string) =>
  ctx.db.loginThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });

describe('POST /api/auth/login throttle', () => {
  it('evaluates at most the allowance of 100 wrong passwords sent at once, then refuses the right one', async () => {
    const email = 'admin@demo.test';
    const from = '203.0.113.1';
    const sessionsBefore = await ctx.db.session.count();
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(proxied, email, `wrong-${i}`, from)),
    );
    const seen = statuses(burst);
    expect(count(seen, 401)).toBe(ALLOWANCE.pair);
    expect(count(seen, 429)).toBe(100 - ALLOWANCE.pair);
    const right = await login(proxied, email, DEMO_PASSWORD, from);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('rate_limited');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(await ctx.db.session.count()).toBe(sessionsBefore);
  });

  it('does not lock the account holder out from another address', async () => {
    const email = 'agent@demo.test';
    const attack = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(proxied, email, `guess-${i}`, '203.0.113.2')),
    );
    expect(count(statuses(attack), 429)).toBe(12 - ALLOWANCE.pair);
    await login(proxied, email, DEMO_PASSWORD, '198.51.100.7').expect(204);
  });

  it('locks an account for new addresses after the per-account ceiling, but not for an address that logged in', async () => {
    const email = 'support@demo.test';
    await login(proxied, email, DEMO_PASSWORD, '192.0.2.50').expect(204);
    // A distributed guess: one wrong password from each of many addresses.
    for (let i = 0; i < ALLOWANCE.account; i++)
      await login(proxied, email, `spread-${i}`, `198.18.0.${i + 1}`).expect(401);
    const stranger = await login(proxied, email, DEMO_PASSWORD, '198.18.1.1').expect(429);
    expect(stranger.body.error.code).toBe('rate_limited');
    await login(proxied, email, DEMO_PASSWORD, '192.0.2.50').expect(204);
  });

  it('grows the lock: each attempt past the allowance doubles the wait', async () => {
    const email = 'nobody@demo.test';
    const from = '203.0.113.3';
    const key = `pair:${email}|${from}`;
    for (let i = 0; i < ALLOWANCE.pair; i++) await login(proxied, email, `w-${i}`, from).expect(401);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      waits.push(Number((await login(proxied, email, 'x', from).expect(429)).headers['retry-after']));
      await expireLock(key);
      await login(proxied, email, 'x', from).expect(401);
    }
    expect(waits).toEqual([BASE_DELAY_S, BASE_DELAY_S * 2, BASE_DELAY_S * 4]);
  });

  it('counts the socket address, not X-Forwarded-For, unless TRUST_PROXY says a proxy is in front', async () => {
    const email = 'admin@other.test';
    for (let i = 0; i < ALLOWANCE.pair; i++)
      await login(ctx.app, email, `w-${i}`, `192.0.2.${i + 1}`).expect(401);
    await login(ctx.app, email, DEMO_PASSWORD, '192.0.2.99').expect(429);
    const keys = (
      await ctx.db.loginThrottle.findMany({ where: { key: { startsWith: 'pair:admin@other' } } })
    ).map((row) => row.key);
    expect(keys).toEqual(['pair:admin@other.test|127.0.0.1']);
  });

  it('grants at most the allowance when 200 reservations race on 50 database connections', async () => {
    const wide = createDb(ctx.databaseUrl, { max: 50 });
    try {
      const attempt = { email: 'race@demo.test', address: '203.0.113.77' };
      const results = await Promise.all(Array.from({ length: 200 }, () => reserveAttempt(wide, attempt)));
      expect(results.filter((r) => r.ok)).toHaveLength(ALLOWANCE.pair);
      const rows = await ctx.db.loginThrottle.findMany({ where: { key: { contains: 'race@demo.test' } } });
      expect(rows.map((row) => [row.key, row.failures]).sort()).toEqual([
        ['account:race@demo.test', ALLOWANCE.pair],
        ['pair:race@demo.test|203.0.113.77', ALLOWANCE.pair],
      ]);
    } finally {
      await wide.$disconnect();
    }
  });
});
