import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

describe('loadEnv', () => {
  it('applies defaults for an empty environment', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      ROLE: 'all',
      NODE_ENV: 'development',
      appOrigin: 'http://localhost:3000',
    });
  });

  it('names every bad variable at once', () => {
    let message = '';
    try {
      loadEnv({ PORT: 'eighty', ROLE: 'boss', DATABASE_URL: 'mysql://x', SEED_DEMO: 'maybe' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid environment/);
    for (const name of ['PORT', 'ROLE', 'DATABASE_URL', 'SEED_DEMO']) expect(message).toContain(`${name}:`);
  });

  it('reads TRUST_PROXY as a number of proxy hops, accepting the old 0/1 and true/false', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(() => loadEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('ends idle sessions after two hours unless SESSION_IDLE_MINUTES says otherwise', () => {
    expect(loadEnv({}).SESSION_IDLE_MINUTES).toBe(120);
    expect(loadEnv({ SESSION_IDLE_MINUTES: '30' }).SESSION_IDLE_MINUTES).toBe(30);
    expect(() => loadEnv({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('compresses sync intervals only outside production (SYNC_INTERVAL_SCALE, for simulations)', () => {
    expect(loadEnv({}).SYNC_INTERVAL_SCALE).toBe(1);
    expect(loadEnv({ SYNC_INTERVAL_SCALE: '60' }).SYNC_INTERVAL_SCALE).toBe(60);
    expect(() => loadEnv({ SYNC_INTERVAL_SCALE: '0.5' })).toThrow(/SYNC_INTERVAL_SCALE/);
    const production = {
      NODE_ENV: 'production',
      TOKEN_ENCRYPTION_KEY: `k1:${Buffer.alloc(32).toString('base64')}`,
      SALESFORCE_CLIENT_ID: 'id',
      SALESFORCE_CLIENT_SECRET: 'secret',
    };
    expect(loadEnv(production).SYNC_INTERVAL_SCALE).toBe(1);
    expect(() => loadEnv({ ...production, SYNC_INTERVAL_SCALE: '60' })).toThrow(
      /SYNC_INTERVAL_SCALE: for simulations only/,
    );
  });
});
