import type { ObjectSyncView, SyncRunView } from '@ch/contracts';
import { expect, type Page, test } from '@playwright/test';
import { clearSalesforceFaults, failSalesforceRequests } from './emulator.ts';
import { screenshot } from './helpers.ts';
import {
  ACME_USER,
  disconnectQuietly,
  openIntegrations,
  removeSyncsQuietly,
  signInThroughPopup,
} from './salesforce-helpers.ts';
import { createSync, openSyncSettings, summaryLine, syncRow } from './sync-helpers.ts';

const LAST_ERROR = 'transient: UNKNOWN_EXCEPTION: An unexpected error occurred.';
/** What an admin reads for it: a sentence to act on; Salesforce's code stays under Details. */
const LAST_ERROR_WORDS = 'Last error: Salesforce could not be reached or had a temporary problem.';

const failedRun = (minutesAgo: number): SyncRunView => {
  const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return {
    kind: 'incremental',
    outcome: 'failed',
    startedAt: at,
    finishedAt: at,
    upserted: 0,
    deleted: 0,
    apiCalls: 1,
    error: LAST_ERROR,
  };
};

/**
 * States the engine reaches only slowly (five failures with back-off take minutes) or briefly
 * (a first load's progress), drawn by rewriting GET syncs over the real server's answer.
 */
async function rewriteSyncs(page: Page, patch: (sync: ObjectSyncView) => ObjectSyncView) {
  await page.route('**/api/integrations/salesforce/syncs', async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    try {
      const response = await route.fetch();
      const body = (await response.json()) as { syncs: ObjectSyncView[] };
      await route.fulfill({ response, json: { syncs: body.syncs.map(patch) } });
    } catch (error) {
      // A poll the page cancelled (a reload, or React Query replacing it) is no longer ours to answer.
      if (!page.isClosed() && !String(error).includes('already handled')) throw error;
    }
  });
}

test.describe('sync health in the browser', () => {
  test('an Error sync shows its last error and Retry; a first load shows its progress', async ({ page }) => {
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 30, enabled: true });
      await createSync(page, 'Lead', { method: 'REST', intervalMinutes: 30 });
      await rewriteSyncs(page, (sync) =>
        sync.object === 'Contact'
          ? { ...sync, status: 'error', lastError: LAST_ERROR, recentRuns: [1, 2, 4, 8, 16].map(failedRun) }
          : { ...sync, enabled: true, progress: { done: 1200, total: 2500, preparing: false } },
      );
      await page.reload();
      await expect(summaryLine(page, 'Contact')).toContainText('Error');
      await expect(summaryLine(page, 'Contact')).toContainText(LAST_ERROR_WORDS);
      await expect(summaryLine(page, 'Contact')).not.toContainText('transient:');
      await expect(summaryLine(page, 'Lead')).toContainText('first load: 1,200 of 2,500 records');
      await screenshot(page, 'sync-summary-error');

      await openSyncSettings(page);
      const contact = syncRow(page, 'Contact');
      const lead = syncRow(page, 'Lead');
      await expect(contact.getByRole('alert')).toContainText(LAST_ERROR_WORDS);
      const details = contact.getByRole('alert').getByText('Details from Salesforce');
      await details.click();
      await expect(contact.getByRole('alert').locator('details code')).toHaveText(
        'UNKNOWN_EXCEPTION: An unexpected error occurred.',
      );
      // Five identical failures read once, with how many and since when.
      const runs = contact.getByRole('list', { name: 'Recent runs' }).getByRole('listitem');
      await expect(runs).toHaveCount(1);
      await expect(runs).toContainText('Changes failed 5 times');
      await expect(runs).toContainText('since');
      await expect(lead.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      const bar = lead.getByRole('progressbar', { name: 'First load' });
      await expect(bar).toHaveAttribute('aria-valuenow', '1200');
      await expect(bar).toHaveAttribute('aria-valuemax', '2500');
      await expect(lead).toContainText('1,200 of 2,500 records');
      await screenshot(page, 'sync-settings-error');
      await lead.scrollIntoViewIfNeeded();
      await screenshot(page, 'sync-settings-progress');

      const retried = page.waitForResponse(
        (r) => r.url().endsWith('/syncs/Contact/retry') && r.request().method() === 'POST',
      );
      await contact.getByRole('button', { name: 'Retry' }).click();
      expect((await retried).status()).toBe(200);
      // The server's own view from here on: the sync is active, so Retry goes away.
      await page.unroute('**/api/integrations/salesforce/syncs');
      await expect(contact.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await expect(contact.getByText('active', { exact: true })).toBeVisible();
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });

  test('five failures in a row show Error with the last error; with the fault cleared, Retry brings it back', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await failSalesforceRequests(100_000, 500, '/services/data/');
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 5, enabled: true });
      await page.reload();
      await expect(summaryLine(page, 'Contact')).toContainText('Error', { timeout: 60_000 });
      await expect(summaryLine(page, 'Contact')).toContainText(LAST_ERROR_WORDS);
      await openSyncSettings(page);
      const contact = syncRow(page, 'Contact');
      const runs = contact.getByRole('list', { name: 'Recent runs' });
      await expect(runs.getByRole('listitem')).toHaveCount(1);
      await expect(runs).toContainText('Full load failed 5 times');
      await screenshot(page, 'sync-settings-failed-run');

      await clearSalesforceFaults();
      await contact.getByRole('button', { name: 'Retry' }).click();
      await expect(contact.getByRole('button', { name: 'Retry' })).toHaveCount(0);
      await expect(contact.getByText('active', { exact: true })).toBeVisible();
      await expect(contact).toContainText('250 records', { timeout: 30_000 });
    } finally {
      await clearSalesforceFaults();
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });
});
