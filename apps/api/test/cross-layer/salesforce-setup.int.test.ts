import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@ch/db';
import { EmulatorControl, startEmulator } from '@ch/salesforce-emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';
import { withSalesforce } from '../../src/salesforce/with-salesforce.ts';
import { setUpSalesforce } from '../../src/salesforce-setup.ts';
import { ORIGIN, useTestContext } from '../context.ts';
import { connectOrganization } from '../salesforce-sign-in.ts';

const ctx = useTestContext();
const CONTROL_KEY = 'restart-test-control-key';
let dataDir = '';
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the emulator of a local run', () => {
  it('comes back after a restart with the connection the product holds still working', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ch-setup-'));
    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: ctx.databaseUrl,
      APP_ORIGIN: ORIGIN,
      DATA_DIR: dataDir,
      SALESFORCE_EMULATOR_PORT: String(await freePort()),
      SALESFORCE_EMULATOR_CONTROL_KEY: CONTROL_KEY,
    });
    const organizationId = await ctx.orgId('Demo Org');
    const admin = await ctx.db.user.findFirstOrThrow({ where: { organizationId, role: 'ADMIN' } });

    const first = await setUpSalesforce(env, ctx.deps.logger);
    const before = { ...ctx.deps, env, salesforceApp: first.app };
    await connectOrganization(before, organizationId, admin.id);
    await first.close();

    const second = await setUpSalesforce(env, ctx.deps.logger);
    try {
      const after = { ...ctx.deps, env, salesforceApp: second.app };
      // The access token stored before the restart still works...
      expect(await withSalesforce(after, organizationId, (c) => c.count('Contact'))).toBe(250);
      // ...and so does the refresh token behind it.
      const control = new EmulatorControl({ baseUrl: second.app.emulatorUrl ?? '', controlKey: CONTROL_KEY });
      await control.expireAccessTokens({ org: 'acme' });
      expect(await withSalesforce(after, organizationId, (c) => c.count('Lead'))).toBe(120);
      const agent = await ctx.loginAs('admin@demo.test');
      const card = (await agent.get('/api/integrations').expect(200)).body.integrations[0];
      expect(card.status).toBe('connected');
    } finally {
      await second.close();
    }
  });

  it('uses the emulator at SALESFORCE_EMULATOR_URL instead of starting one (processes of one cluster)', async () => {
    const shared = await startEmulator({
      port: 0,
      callbackUrls: [`${ORIGIN}/api/integrations/salesforce/oauth/callback`],
    });
    try {
      const env = loadEnv({
        NODE_ENV: 'test',
        DATABASE_URL: ctx.databaseUrl,
        APP_ORIGIN: ORIGIN,
        SALESFORCE_EMULATOR_URL: `${shared.url}/`,
        // Taken by the shared emulator: starting another here would fail to listen.
        SALESFORCE_EMULATOR_PORT: String(shared.port),
      });
      const organizationId = await ctx.orgId('Demo Org');
      const admin = await ctx.db.user.findFirstOrThrow({ where: { organizationId, role: 'ADMIN' } });
      const worker = await setUpSalesforce(env, ctx.deps.logger);
      expect(worker.app.emulatorUrl).toBe(shared.url);
      const deps = { ...ctx.deps, env, salesforceApp: worker.app };
      await connectOrganization(deps, organizationId, admin.id);
      await worker.close();
      // Closing the process's set-up leaves the shared emulator running, with the token it issued.
      expect(await withSalesforce(deps, organizationId, (c) => c.count('Contact'))).toBe(250);
      expect((await shared.control.tokens('acme')).length).toBeGreaterThan(0);
    } finally {
      await shared.close();
    }
  });
});
