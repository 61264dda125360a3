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
});
