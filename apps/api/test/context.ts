import { createDb, type Db } from '@ch/db';
import { createTestDatabase } from '@ch/db/testing';
import { closePubSubChannels } from '@ch/salesforce';
import { DEFAULT_APP, type RunningEmulator, startEmulator } from '@ch/salesforce-emulator';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp } from '../src/app.ts';
import { createSecretBox, generateKey, type SecretBox } from '../src/crypto/secret-box.ts';
import type { Deps } from '../src/deps.ts';
import { loadEnv } from '../src/env.ts';
import { createLogger } from '../src/logger.ts';
import { createMetrics } from '../src/metrics/registry.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/seed/demo.ts';

export const ORIGIN = 'http://localhost:3000';

export interface TestContext {
  app: Express;
  db: Db;
  databaseUrl: string;
  /** The Salesforce emulator every test file gets, on a free port. */
  emulator: RunningEmulator;
  secretBox: SecretBox;
  /** What the app was built from, for calling modules directly. */
  deps: Deps;
  /** Log lines the app wrote, for asserting that secrets never appear. */
  logs: string[];
  orgId(name: string): Promise<string>;
  /** A supertest agent logged in as a demo user, sending our Origin on every request. */
  loginAs(email: string): Promise<request.Agent>;
}

export interface TestContextOptions {
  /** SALESFORCE_CDC_TRANSPORT for this context (default: the product's default, Pub/Sub). */
  cdcTransport?: 'pubsub' | 'cometd';
}

/**
 * Per test file (or per describe block it is called in): a fresh database cloned from the migrated
 * template, seeded with the demo data.
 */
export function useTestContext(options: TestContextOptions = {}): TestContext {
  const ctx = { logs: [] as string[] } as TestContext;
  let drop = async () => {};
  beforeAll(async () => {
    const database = await createTestDatabase(inject('dbServerUrl'));
    drop = database.drop;
    ctx.databaseUrl = database.url;
    ctx.db = createDb(database.url, { max: 4 });
    await seedDemo(ctx.db);
    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      APP_ORIGIN: ORIGIN,
      LOG_LEVEL: 'debug',
      ...(options.cdcTransport ? { SALESFORCE_CDC_TRANSPORT: options.cdcTransport } : {}),
    });
    // The app's own logger (with its redaction), writing here so tests can read what it logged.
    const logger = createLogger('debug', { write: (line: string) => void ctx.logs.push(line) });
    ctx.emulator = await startEmulator({ port: 0, callbackUrls: [env.salesforceCallbackUrl] });
    ctx.secretBox = createSecretBox(generateKey('test1'));
    const salesforceApp = {
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      callbackUrl: env.salesforceCallbackUrl,
      emulatorUrl: ctx.emulator.url,
      pubsub: { endpoint: ctx.emulator.pubsub.endpoint, ca: ctx.emulator.pubsub.certificate },
    };
    ctx.deps = {
      db: ctx.db,
      env,
      logger,
      secretBox: ctx.secretBox,
      salesforceApp,
      metrics: createMetrics(ctx.db),
    };
    ctx.app = createApp(ctx.deps);
    ctx.orgId = async (name) => (await ctx.db.organization.findFirstOrThrow({ where: { name } })).id;
    ctx.loginAs = async (email) => {
      const agent = request.agent(ctx.app).set('Origin', ORIGIN);
      await agent.post('/api/auth/login').send({ email, password: DEMO_PASSWORD }).expect(204);
      return agent;
    };
  });
  afterAll(async () => {
    closePubSubChannels();
    await ctx.emulator?.close();
    await ctx.db?.$disconnect();
    await drop();
  });
  return ctx;
}
