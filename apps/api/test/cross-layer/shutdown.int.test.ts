import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { DEFAULT_APP } from '@ch/salesforce-emulator';
import { describe, expect, it } from 'vitest';
import { createSecretBox, generateKey } from '../../src/crypto/secret-box.ts';
import { useTestContext } from '../context.ts';
import { connectSalesforce } from '../salesforce-sign-in.ts';
import { freshRestContacts, syncOf, waitFor } from '../sync-support.ts';

// Issue #17 item 6: SIGTERM stops a worker within SHUTDOWN_GRACE_MS, also while a poll waits on a
// slow org. The real entry point (src/main.ts, ROLE=worker) in a process of its own.

const ctx = useTestContext();
const API_DIR = path.resolve(import.meta.dirname, '../..');
const GRACE_MS = 6_000;
// Far longer than the grace: without cancelling the page in flight, the worker could not stop in time.
const SLOW_PAGE_MS = 30_000;

/** The connection's tokens sealed again with `key`, which the worker process is given. */
async function resealTokens(key: string) {
  const box = createSecretBox(key);
  const token = await ctx.db.oAuthToken.findFirstOrThrow();
  await ctx.db.oAuthToken.update({
    where: { organizationId_id: { organizationId: token.organizationId, id: token.id } },
    data: {
      accessTokenEnc: box.seal(ctx.secretBox.open(token.accessTokenEnc)),
      refreshTokenEnc: box.seal(ctx.secretBox.open(token.refreshTokenEnc)),
    },
  });
}

describe('shutdown', () => {
  it('cancels a poll waiting on a slow org and exits within the grace, keeping the committed pages', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    const key = generateKey('shutdown');
    await resealTokens(key);
    const control = ctx.emulator.control;
    // The first page answers at once; every next page (a query locator) hangs.
    await control.setBatchSize('acme', 50);
    await control.setLatency(SLOW_PAGE_MS, '/query/');
    const syncId = await freshRestContacts(ctx, admin);

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: API_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        ROLE: 'worker',
        DATABASE_URL: ctx.databaseUrl,
        TOKEN_ENCRYPTION_KEY: key,
        SALESFORCE_CLIENT_ID: DEFAULT_APP.clientId,
        SALESFORCE_CLIENT_SECRET: DEFAULT_APP.clientSecret,
        SALESFORCE_CALLBACK_URL: ctx.deps.env.salesforceCallbackUrl,
        SEED_DEMO: '0',
        LOG_LEVEL: 'warn',
        SHUTDOWN_GRACE_MS: String(GRACE_MS),
      },
    });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      // Booting through tsx is slow on a busy machine: the bound only catches a worker that never polls.
      await waitFor(
        'the first page committed',
        async () => (await syncOf(ctx, syncId)).fullLoadDone === 50,
        90_000,
      );
      const running = await ctx.db.syncRun.findFirstOrThrow({ where: { objectSyncId: syncId } });
      expect(running.outcome).toBe('RUNNING');
      await new Promise((resolve) => setTimeout(resolve, 300)); // the second page is in flight

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(GRACE_MS);

      // Stopped, not failed: due again at once, from the committed page.
      const run = await ctx.db.syncRun.findFirstOrThrow({ where: { id: running.id } });
      expect(run.outcome).toBe('DEFERRED');
      expect(run.error).toMatch(/Stopped between pages/);
      const sync = await syncOf(ctx, syncId);
      expect(sync.consecutiveFailures).toBe(0);
      expect(sync.fullLoadDone).toBe(50);
      expect(sync.fullLoadAfterId).not.toBeNull();
      expect(sync.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(
        await ctx.db.salesforceRecord.count({
          where: { organizationId: sync.organizationId, object: 'CONTACT' },
        }),
      ).toBe(50);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited.catch(() => undefined);
      await control.setLatency(0);
      await control.setBatchSize('acme', null);
    }
  }, 150_000);
});
