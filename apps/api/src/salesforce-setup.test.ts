import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { setUpSalesforce } from './salesforce-setup.ts';

describe('setUpSalesforce in production', () => {
  it('never starts the emulator, even for an environment built without loadEnv', async () => {
    const env = { ...loadEnv({ NODE_ENV: 'test' }), NODE_ENV: 'production' as const };
    await expect(setUpSalesforce(env, createLogger('silent'))).rejects.toThrow(
      /production needs a Salesforce connected app .* never the emulator/,
    );
  });

  it('uses the connected app it is given', async () => {
    const env = loadEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app:secret@db:5432/app',
      TOKEN_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      SALESFORCE_CLIENT_ID: 'consumer-key',
      SALESFORCE_CLIENT_SECRET: 'consumer-secret',
      APP_ORIGIN: 'https://integrations.example.com',
    });
    const salesforce = await setUpSalesforce(env, createLogger('silent'));
    expect(salesforce.app).toEqual({
      clientId: 'consumer-key',
      clientSecret: 'consumer-secret',
      callbackUrl: 'https://integrations.example.com/api/integrations/salesforce/oauth/callback',
    });
    await salesforce.close();
  });
});
