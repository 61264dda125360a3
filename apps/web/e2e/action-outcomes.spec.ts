import { expect, type Page, test } from '@playwright/test';
import { clearSalesforceFaults, slowSalesforce } from './emulator.ts';
import { expectFocusOn } from './focus-helpers.ts';
import { logIn } from './helpers.ts';
import {
  ACME_USER,
  completeSignIn,
  disconnectQuietly,
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
  syncRow,
} from './sync-helpers.ts';

const INTEGRATIONS_OFF =
  'Integrations were turned off for your organization, so Salesforce cannot be managed here. Contact Cloverhound support to have it enabled.';

/** Demo Org's integrations flag, set by the support user in a session of their own. */
async function setDemoIntegrations(page: Page, enabled: boolean) {
  const base = new URL(page.url()).origin;
  const context = await page.context().browser()!.newContext({ baseURL: base });
  const support = await context.newPage();
  await logIn(support, 'support@demo.test');
  const listed = await support.request.get('/api/support/organizations');
  const { organizations } = (await listed.json()) as { organizations: { id: string; name: string }[] };
  const demo = organizations.find((org) => org.name === 'Demo Org')!;
  const put = await support.request.put(`/api/support/organizations/${demo.id}/feature-flags/integrations`, {
    data: { enabled },
  });
  expect(put.status()).toBe(200);
  await context.close();
}

test.describe('after each action, focus lands on its outcome', () => {
  test('a Test answered after the modal closed still shows its alert; the row keeps result and time', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 30 });
      await createSync(page, 'Lead', { method: 'CDC' });
      await openSyncSettings(page);
      // Both rows' switches are named for their object.
      await expect(
        syncRow(page, 'Contact').getByRole('switch', { name: 'Enabled: Contact', exact: true }),
      ).toBeVisible();
      await expect(
        syncRow(page, 'Lead').getByRole('switch', { name: 'Enabled: Lead', exact: true }),
      ).toBeVisible();

      await slowSalesforce(1500);
      const alert = answerNextBrowserDialog(page);
      await syncRow(page, 'Contact').getByRole('button', { name: 'Test' }).click();
      await expect(syncRow(page, 'Contact').getByRole('button', { name: 'Testing…' })).toBeVisible();
      await closeSyncSettings(page);
      expect(await alert).toContain('Contact can be read');
      await clearSalesforceFaults();

      await openSyncSettings(page);
      const last = syncRow(page, 'Contact').getByRole('status').filter({ hasText: 'Last test passed' });
      await expect(last).toContainText('REST Polling will work');
      await expect(last.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
      await expect(syncRow(page, 'Contact').getByRole('button', { name: 'Test', exact: true })).toBeEnabled();

      // Remove: the row and its button are gone, so focus goes to what happened.
      const confirm = answerNextBrowserDialog(page);
      await syncRow(page, 'Lead').getByRole('button', { name: 'Remove Lead sync' }).click();
      expect(await confirm).toBe('Remove the Lead sync?');
      await expectFocusOn(
        page,
        page.getByRole('dialog').getByRole('status').filter({ hasText: 'Lead sync removed.' }),
      );
    } finally {
      await clearSalesforceFaults();
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });

  test('Reset Token, a sign-in window closed early, and Disconnect each focus their outcome', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openIntegrations(page);
    const card = salesforceCard(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await expectFocusOn(page, card.getByRole('heading', { name: 'Connected to Salesforce' }));

      await signInThroughPopup(page, 'Reset Token', { username: ACME_USER, decision: 'Allow' });
      await expectFocusOn(page, card.locator('.card-outcome'));
      await expect(card.getByRole('status')).toContainText('The Salesforce token was replaced.');

      const opened = page.waitForEvent('popup');
      await card.getByRole('button', { name: 'Reset Token' }).click();
      await (await opened).close();
      await expect(card.getByRole('alert')).toContainText('closed before sign-in finished');
      await expectFocusOn(page, card.locator('.card-outcome'));

      const confirm = answerNextBrowserDialog(page);
      await card.getByRole('button', { name: 'Disconnect' }).click();
      expect(await confirm).toBe('Are you sure you want to disconnect Salesforce?');
      await expect(card.getByRole('status')).toContainText('Salesforce was disconnected.');
      await expectFocusOn(page, card.locator('.card-outcome'));
    } finally {
      await disconnectQuietly(page);
    }
  });

  test('with integrations turned off mid-session, Set up says so in the card, never raw JSON', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await openIntegrations(page);
    const card = salesforceCard(page);
    try {
      await setDemoIntegrations(page, false);
      const opened = page.waitForEvent('popup');
      await card.getByRole('button', { name: 'Set up' }).click();
      const popup = await opened;
      // The page reads the API's refusal in its own window and closes it.
      await popup.waitForEvent('close');
      await expect(card.getByRole('alert')).toHaveText(INTEGRATIONS_OFF);
      await expect(card).not.toContainText('No such endpoint');
      await expect(card.getByRole('button', { name: 'Set up' })).toHaveCount(0);
      await expectFocusOn(page, card.locator('.card-outcome'));
    } finally {
      await setDemoIntegrations(page, true);
    }
  });
});

test.describe('completing sign-in by keyboard', () => {
  test('a sign-in window that ends in Deny moves focus to its outcome', async ({ page }) => {
    await openIntegrations(page);
    try {
      const card = salesforceCard(page);
      await card.getByRole('button', { name: 'Set up' }).focus();
      const opened = page.waitForEvent('popup');
      await page.keyboard.press('Enter');
      await completeSignIn(page, await opened, { username: ACME_USER, decision: 'Deny' });
      await expect(card.getByRole('alert')).toContainText('cancelled');
      await expectFocusOn(page, card.locator('.card-outcome'));
    } finally {
      await disconnectQuietly(page);
    }
  });
});
