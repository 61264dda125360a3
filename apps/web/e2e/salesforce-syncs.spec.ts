import { expect, test } from '@playwright/test';
import { screenshot } from './helpers.ts';
import {
  ACME_USER,
  disconnectQuietly,
  expectConnectedAs,
  GLOBEX_USER,
  openIntegrations,
  removeSyncsQuietly,
  salesforceCard,
  signInThroughPopup,
} from './salesforce-helpers.ts';
import {
  answerNextBrowserDialog,
  closeSyncSettings,
  createSync,
  openSyncSettings,
  summaryLine,
  syncDialog,
  syncRow,
} from './sync-helpers.ts';

test.describe('Salesforce object syncs', () => {
  test('add Contact, choose REST Polling every 15 minutes, enable, save and test it', async ({ page }) => {
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await expectConnectedAs(page, ACME_USER);
      await openSyncSettings(page);
      await syncDialog(page)
        .getByRole('group', { name: 'Add an object' })
        .getByRole('button', { name: 'Contact' })
        .click();
      const row = syncRow(page, 'Contact');
      await expect(row.getByRole('switch', { name: 'Enabled' })).toHaveAttribute('aria-checked', 'false');
      await expect(row.getByRole('button', { name: 'Save' })).toBeDisabled();
      await closeSyncSettings(page);
      await expect(summaryLine(page, 'Contact')).toContainText('Off');
      await expect(summaryLine(page, 'Contact')).toContainText('—');

      await openSyncSettings(page);
      await row.getByRole('radio', { name: 'REST Polling' }).check();
      await row.getByLabel('Interval').selectOption({ label: '15 minutes' });
      await expect(row.getByText('Unsaved changes')).toBeVisible();
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.getByText('Unsaved changes')).toBeHidden();
      await row.getByRole('switch', { name: 'Enabled' }).click();
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.getByText('Unsaved changes')).toBeHidden();
      await expect(row.getByRole('switch', { name: 'Enabled' })).toHaveAttribute('aria-checked', 'true');

      const message = answerNextBrowserDialog(page);
      await row.getByRole('button', { name: 'Test' }).click();
      expect(await message).toContain('Contact can be read');

      // The engine picks the enabled sync up within seconds and loads the org's 250 Contacts.
      await expect(row).toContainText('250 records', { timeout: 20_000 });
      await expect(row.getByRole('list', { name: 'Recent runs' })).toContainText('Full load succeeded');
      await screenshot(page, 'sync-settings-rows');
      await closeSyncSettings(page);
      const line = summaryLine(page, 'Contact');
      for (const text of ['Contact', 'active', 'REST', 'On', '250 records', 'last synced']) {
        await expect(line).toContainText(text);
      }
      await screenshot(page, 'sync-summary');
    } finally {
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });

  test('with Globex, a CDC Lead sync tests as unavailable; then it is removed', async ({ page }) => {
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: GLOBEX_USER, decision: 'Allow' });
      await expectConnectedAs(page, GLOBEX_USER);
      await openSyncSettings(page);
      await syncDialog(page).getByRole('button', { name: 'Lead' }).click();
      const row = syncRow(page, 'Lead');
      // Switched on before a method is chosen: the server refuses, naming the field.
      await row.getByRole('switch', { name: 'Enabled' }).click();
      await row.getByRole('button', { name: 'Save' }).click();
      // The message once, under the field; the alert names the field to fix.
      await expect(row.getByRole('alert')).toContainText('Fix the field marked above: Enabled.');
      await expect(row.getByText('Choose a sync method before enabling the sync')).toHaveCount(1);
      await expect(row.getByRole('switch', { name: 'Enabled' })).toHaveAttribute('aria-invalid', 'true');
      await screenshot(page, 'sync-settings-field-error');
      await row.getByRole('switch', { name: 'Enabled' }).click();
      await row.getByRole('radio', { name: 'CDC (real-time)' }).check();
      await expect(row.getByLabel('Interval')).toHaveCount(0);
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.getByText('Unsaved changes')).toBeHidden();
      await expect(row.getByRole('alert')).toHaveCount(0);

      const message = answerNextBrowserDialog(page);
      await row.getByRole('button', { name: 'Test' }).click();
      expect(await message).toContain('Change Data Capture is not available');

      // Turning CDC on is refused at Save: Globex (Professional Edition) cannot deliver it.
      await row.getByRole('switch', { name: 'Enabled' }).click();
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.getByRole('alert')).toContainText('Fix the field marked above: Sync method.');
      await expect(
        row.getByText(
          'Change Data Capture is not available for Lead in this Salesforce org: it needs Enterprise Edition or higher with Lead selected in Setup > Change Data Capture; use REST Polling',
        ),
      ).toHaveCount(1);
      await expect(row.getByRole('group', { name: 'Sync method' })).toHaveAttribute('aria-invalid', 'true');
      await row.getByRole('switch', { name: 'Enabled' }).click();
      await expect(row.getByText('Unsaved changes')).toBeHidden();

      const prompt = answerNextBrowserDialog(page);
      await row.getByRole('button', { name: 'Remove Lead sync' }).click();
      expect(await prompt).toBe('Remove the Lead sync?');
      await expect(row).toHaveCount(0);
      await expect(syncDialog(page).getByRole('button', { name: 'Lead' })).toBeVisible();
      await expect(syncDialog(page).getByText('No objects are synced yet.')).toBeVisible();
      await closeSyncSettings(page);
      await expect(salesforceCard(page).getByRole('region', { name: 'Sync status' })).toHaveCount(0);
    } finally {
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });

  test('Disconnect pauses the syncs; Set up again resumes them with the same settings', async ({ page }) => {
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 15, enabled: true });
      await createSync(page, 'Lead', { method: 'CDC' });
      await page.reload();
      await expect(summaryLine(page, 'Contact')).toContainText('active');

      const prompt = answerNextBrowserDialog(page);
      await salesforceCard(page).getByRole('button', { name: 'Disconnect' }).click();
      expect(await prompt).toBe('Are you sure you want to disconnect Salesforce?');
      await expect(salesforceCard(page).getByRole('button', { name: 'Set up' })).toBeVisible();
      await expect(summaryLine(page, 'Contact')).toContainText('paused');
      await expect(summaryLine(page, 'Lead')).toContainText('paused');
      await screenshot(page, 'sync-summary-paused');

      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      for (const text of ['active', 'REST', 'On'])
        await expect(summaryLine(page, 'Contact')).toContainText(text);
      // Lead was never switched on: back to "not started" (settings kept), not "active".
      for (const text of ['not started', 'CDC', 'Off'])
        await expect(summaryLine(page, 'Lead')).toContainText(text);
      await openSyncSettings(page);
      await expect(syncRow(page, 'Contact').getByLabel('Interval')).toHaveValue('15');
      await expect(syncRow(page, 'Lead').getByRole('radio', { name: 'CDC (real-time)' })).toBeChecked();
    } finally {
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });
  test('Set up with another org after Disconnect: the card names the objects reloaded, then shows the new org', async ({
    page,
  }) => {
    // Two sign-ins and two full loads.
    test.setTimeout(60_000);
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 5, enabled: true });
      await page.reload();
      await expect(summaryLine(page, 'Contact')).toContainText('250 records', { timeout: 20_000 });

      const prompt = answerNextBrowserDialog(page);
      await salesforceCard(page).getByRole('button', { name: 'Disconnect' }).click();
      await prompt;
      await expect(salesforceCard(page).getByRole('button', { name: 'Set up' })).toBeVisible();
      await signInThroughPopup(page, 'Set up', { username: GLOBEX_USER, decision: 'Allow' });
      await expect(salesforceCard(page).getByRole('status')).toHaveText(
        'Connected to a different Salesforce org: the local copy of Contact is being reloaded.',
      );
      // Globex has 6 Contacts: none of Acme's 250 stay.
      await expect(summaryLine(page, 'Contact')).toContainText('6 records', { timeout: 20_000 });
    } finally {
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });
});
