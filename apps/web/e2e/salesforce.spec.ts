import { oauthOutcomeMessages } from '@ch/contracts';
import { expect, test } from '@playwright/test';
import { emulatorTokens, emulatorUrl } from './emulator.ts';
import { screenshot } from './helpers.ts';
import {
  ACME_USER,
  connectedPanel,
  disconnectQuietly,
  expectConnectedAs,
  GLOBEX_USER,
  openIntegrations,
  salesforceCard,
  signInThroughPopup,
  storedTokens,
} from './salesforce-helpers.ts';

test.describe('Salesforce connection', () => {
  test('Set up connects in a popup; Disconnect asks first, then removes and revokes the token', async ({
    page,
  }) => {
    await openIntegrations(page);
    try {
      await screenshot(page, 'salesforce-not-connected');
      const before = await emulatorTokens();

      await signInThroughPopup(page, 'Set up', {
        username: ACME_USER,
        decision: 'Allow',
        shot: 'salesforce-login-popup',
      });
      await expect(salesforceCard(page).getByRole('status')).toHaveText(oauthOutcomeMessages.connected);
      await expectConnectedAs(page, ACME_USER);
      await screenshot(page, 'salesforce-connected');

      const issued = (await emulatorTokens()).filter((t) => !before.some((b) => b.token === t.token));
      const refresh = issued.find((t) => t.kind === 'refresh');
      expect(refresh?.revoked).toBe(false);

      await page
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'OAuth Tokens' })
        .click();
      const table = page.getByRole('table', { name: 'salesforce' });
      await expect(table.getByRole('row')).toHaveCount(2);
      await expect(table.getByRole('row').nth(1)).toContainText(ACME_USER);
      await expect(table.getByRole('row').nth(1)).toContainText(emulatorUrl);
      await expect(table.getByRole('row').nth(1)).toContainText('Active');
      await expect(table.getByRole('row').nth(1)).toContainText('admin@demo.test');
      await screenshot(page, 'oauth-tokens-connected');

      await page
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'Integrations' })
        .click();
      const prompts: string[] = [];
      page.once('dialog', (dialog) => {
        prompts.push(dialog.message());
        void dialog.dismiss();
      });
      await salesforceCard(page).getByRole('button', { name: 'Disconnect' }).click();
      await expect.poll(() => prompts).toEqual(['Are you sure you want to disconnect Salesforce?']);
      await expectConnectedAs(page, ACME_USER);
      expect(await storedTokens(page)).toHaveLength(1);

      page.once('dialog', (dialog) => void dialog.accept());
      await salesforceCard(page).getByRole('button', { name: 'Disconnect' }).click();
      await expect(salesforceCard(page).getByRole('button', { name: 'Set up' })).toBeVisible();
      await expect(connectedPanel(page)).toHaveCount(0);
      expect(await storedTokens(page)).toEqual([]);
      await expect
        .poll(async () => (await emulatorTokens()).find((t) => t.token === refresh?.token)?.revoked)
        .toBe(true);

      await page
        .getByRole('navigation', { name: 'Admin' })
        .getByRole('link', { name: 'OAuth Tokens' })
        .click();
      await expect(page.getByRole('heading', { name: 'No OAuth tokens are stored yet' })).toBeVisible();
    } finally {
      await disconnectQuietly(page);
    }
  });

  test('Reset Token replaces the token for the same org and refuses a different org', async ({ page }) => {
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await expectConnectedAs(page, ACME_USER);
      expect(await storedTokens(page)).toHaveLength(1);
      const before = await emulatorTokens();

      await signInThroughPopup(page, 'Reset Token', { username: ACME_USER, decision: 'Allow' });
      await expect(salesforceCard(page).getByRole('status')).toHaveText(oauthOutcomeMessages.reset);
      await expectConnectedAs(page, ACME_USER);
      const issued = (await emulatorTokens()).filter((t) => !before.some((b) => b.token === t.token));
      expect(issued.map((t) => t.kind).sort()).toEqual(['access', 'refresh']);
      const newRefresh = issued.find((t) => t.kind === 'refresh');
      const stored = await storedTokens(page);
      expect(stored).toHaveLength(1);

      const beforeGlobex = await emulatorTokens();
      await signInThroughPopup(page, 'Reset Token', { username: GLOBEX_USER, decision: 'Allow' });
      await expect(salesforceCard(page).getByRole('alert')).toHaveText(oauthOutcomeMessages.different_org);
      await expectConnectedAs(page, ACME_USER);
      expect(await storedTokens(page)).toEqual(stored);
      // The refused org's token is not kept, so it is revoked rather than left as an approval.
      const globex = (await emulatorTokens()).filter(
        (t) => t.kind === 'refresh' && !beforeGlobex.some((b) => b.token === t.token),
      );
      expect(globex).toHaveLength(1);
      expect(globex[0]?.revoked).toBe(true);

      // The API shows no secret, so prove which token it kept by what it revokes on Disconnect:
      // the one Reset Token issued.
      await disconnectQuietly(page);
      await expect
        .poll(async () => (await emulatorTokens()).find((t) => t.token === newRefresh?.token)?.revoked)
        .toBe(true);
    } finally {
      await disconnectQuietly(page);
    }
  });

  test('Deny in the Salesforce window stores nothing', async ({ page }) => {
    await openIntegrations(page);
    try {
      const before = await emulatorTokens();
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Deny' });
      await expect(salesforceCard(page).getByRole('alert')).toHaveText(oauthOutcomeMessages.denied);
      await expect(salesforceCard(page).getByRole('button', { name: 'Set up' })).toBeVisible();
      expect(await storedTokens(page)).toEqual([]);
      expect(await emulatorTokens()).toHaveLength(before.length);
      await screenshot(page, 'salesforce-denied');
    } finally {
      await disconnectQuietly(page);
    }
  });
});
