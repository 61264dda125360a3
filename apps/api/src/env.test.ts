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
      DATABASE_URL: 'postgresql://app:secret@db:5432/app',
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

describe('loadEnv in production', () => {
  const complete = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://app:secret@db:5432/app',
    TOKEN_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    SALESFORCE_CLIENT_ID: 'consumer-key',
    SALESFORCE_CLIENT_SECRET: 'consumer-secret',
  };
  const messageOf = (source: NodeJS.ProcessEnv) => {
    try {
      loadEnv(source);
    } catch (error) {
      return (error as Error).message;
    }
    return 'started';
  };

  it('starts with a database, a token key and a connected app', () => {
    expect(loadEnv(complete)).toMatchObject({ NODE_ENV: 'production', SALESFORCE_CLIENT_ID: 'consumer-key' });
  });

  it('refuses to start without them, naming each missing value in one message', () => {
    const message = messageOf({ NODE_ENV: 'production' });
    expect(message.split('\n')).toEqual([
      'Invalid environment:',
      '  DATABASE_URL: required in production: the PostgreSQL to use (the embedded one is for local runs only)',
      '  TOKEN_ENCRYPTION_KEY: required in production: the keys OAuth tokens are encrypted with',
      "  SALESFORCE_CLIENT_ID: required in production: the Salesforce connected app's consumer key (the emulator is for local runs only)",
      "  SALESFORCE_CLIENT_SECRET: required in production: the Salesforce connected app's consumer secret",
    ]);
  });

  it('names each one left out, and other bad values beside them', () => {
    for (const name of Object.keys(complete).filter((key) => key !== 'NODE_ENV')) {
      const message = messageOf({ ...complete, [name]: '' });
      expect(message).toContain(`  ${name}: required in production`);
      expect(message.match(/required in production/g)).toHaveLength(1);
    }
    const both = messageOf({ ...complete, DATABASE_URL: undefined, PORT: 'eighty' });
    expect(both).toContain('  DATABASE_URL: required in production');
    expect(both).toContain('  PORT:');
  });

  it('outside production the local stand-ins are allowed', () => {
    expect(loadEnv({ NODE_ENV: 'development' }).DATABASE_URL).toBeUndefined();
    expect(messageOf({ NODE_ENV: 'test', SALESFORCE_CLIENT_ID: 'only-the-id' })).toContain(
      'SALESFORCE_CLIENT_SECRET: set together with SALESFORCE_CLIENT_ID',
    );
  });
});
