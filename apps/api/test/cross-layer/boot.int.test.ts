import type { AddressInfo } from 'node:net';
import { createTestDatabase } from '@ch/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { boot, close, type Stack } from '../../src/boot.ts';
import { openDatabase } from '../../src/database.ts';
import { loadEnv } from '../../src/env.ts';
import { createLogger } from '../../src/logger.ts';

let drop = async () => {};
let databaseUrl: string;
beforeAll(async () => {
  const database = await createTestDatabase(inject('dbServerUrl'));
  drop = database.drop;
  databaseUrl = database.url;
});
afterAll(() => drop());

describe('boot', () => {
  it('answers /healthz while migrations are still running, and serves the app only once they are done', async () => {
    const env = loadEnv({
      NODE_ENV: 'test',
      ROLE: 'api',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: '0',
      // A connected app configured: no emulator is started for this test.
      SALESFORCE_CLIENT_ID: 'client-id',
      SALESFORCE_CLIENT_SECRET: 'client-secret',
      LOG_LEVEL: 'silent',
    });
    // A database step that holds "migrating" until the test lets it go.
    let release = () => {};
    const migrating = new Promise<void>((resolve) => {
      release = resolve;
    });
    let opening = false;
    const open: typeof openDatabase = async (...args) => {
      opening = true;
      await migrating;
      return openDatabase(...args);
    };
    const stack: Stack = {};
    const booted = boot(env, createLogger('silent'), stack, { open });
    try {
      await expect.poll(() => opening).toBe(true);
      const base = `http://127.0.0.1:${(stack.server!.address() as AddressInfo).port}`;
      const get = async (path: string) => {
        const res = await fetch(`${base}${path}`);
        return { status: res.status, body: await res.json() };
      };

      expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'starting' } });
      expect(await get('/api/auth/me')).toEqual({
        status: 503,
        body: {
          error: { code: 'unavailable', message: 'The server is starting. Try again in a few seconds.' },
        },
      });

      release();
      await booted;
      expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
      expect((await get('/api/auth/me')).status).toBe(401);
    } finally {
      release();
      await booted.catch(() => {});
      await close(stack);
    }
  });
});
