import { expect, test } from '@playwright/test';
import { keyWithDataSource } from './data-source-helpers.ts';
import { clearSalesforceFaults, failSalesforceRequests } from './emulator.ts';
import { logIn } from './helpers.ts';
import { checkLayout } from './layout-helpers.ts';
import {
  ACME_USER,
  disconnectQuietly,
  openIntegrations,
  removeSyncsQuietly,
  signInThroughPopup,
} from './salesforce-helpers.ts';
import { createSync, openSyncSettings, summaryLine, syncRow } from './sync-helpers.ts';

const KEY_NAME = 'Layout check (e2e)';

test.describe('every page fits 360-1440 px, with no serious axe finding', () => {
  test('sign-in page', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await checkLayout(page, 'login');
  });

  test('Integrations: not connected, connected with two syncs and runs, the modal, and Error', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await openIntegrations(page);
    try {
      await checkLayout(page, 'integrations-not-connected');

      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await createSync(page, 'Lead', { method: 'REST', intervalMinutes: 5, enabled: true });
      await createSync(page, 'Contact', { method: 'CDC' });
      await page.reload();
      await expect(summaryLine(page, 'Lead')).toContainText('last synced', { timeout: 30_000 });
      await checkLayout(page, 'integrations-connected');

      // A real Error: every Salesforce data call fails, so Contact's first load trips the breaker.
      await failSalesforceRequests(100_000, 500, '/services/data/');
      await page.request.patch('/api/integrations/salesforce/syncs/Contact', {
        data: { method: 'REST', intervalMinutes: 5, enabled: true },
      });
      await page.reload();
      await expect(summaryLine(page, 'Contact')).toContainText('Error', { timeout: 90_000 });
      await checkLayout(page, 'integrations-error');

      await openSyncSettings(page);
      await expect(syncRow(page, 'Contact').getByRole('button', { name: 'Retry' })).toBeVisible();
      await expect(syncRow(page, 'Lead').getByRole('list', { name: 'Recent runs' })).toBeVisible();
      await checkLayout(page, 'sync-settings');
    } finally {
      await clearSalesforceFaults();
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });

  test('API Keys and OAuth Tokens with rows', async ({ page }) => {
    test.setTimeout(120_000);
    await openIntegrations(page);
    let keyId: string | undefined;
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 30 });
      keyId = await keyWithDataSource(page, KEY_NAME, 'layout-campaign');
      await page.goto('/admin/api-keys');
      await expect(page.getByRole('rowheader', { name: KEY_NAME })).toBeVisible();
      await checkLayout(page, 'api-keys');
      await page.goto('/admin/oauth-tokens');
      await expect(page.getByRole('heading', { name: 'salesforce' })).toBeVisible();
      await checkLayout(page, 'oauth-tokens');
    } finally {
      if (keyId) await page.request.delete(`/api/api-keys/${keyId}`, { data: {} });
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });

  test('OAuth Tokens with none stored', async ({ page }) => {
    test.setTimeout(60_000);
    await logIn(page, 'admin@demo.test');
    await page.goto('/admin/oauth-tokens');
    await expect(page.getByRole('heading', { name: 'No OAuth tokens are stored yet' })).toBeVisible();
    await checkLayout(page, 'oauth-tokens-empty');
  });

  test('Support with organizations and recent changes', async ({ page }) => {
    test.setTimeout(60_000);
    await logIn(page, 'support@demo.test');
    await page.goto('/admin/support');
    await expect(page.getByRole('heading', { name: 'Recent changes' })).toBeVisible();
    await expect(page.getByRole('switch').first()).toBeVisible();
    await checkLayout(page, 'support');
  });
});
