import { oauthOutcomeMessages } from '@ch/contracts';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { emulatorTokens, emulatorUrl } from './emulator.ts';
import { logIn, screenshot } from './helpers.ts';

const ACME_USER = 'integration.user@acme.example';
const GLOBEX_USER = 'admin@globex.example';
const SALESFORCE_PASSWORD = 'salesforce';

const salesforceCard = (page: Page) => page.getByRole('article', { name: 'Salesforce' });
const connectedPanel = (page: Page) =>
  salesforceCard(page).getByRole('region', { name: 'Connected to Salesforce' });

/** The value beside a term in the Connected panel's description list. */
const detail = (panel: Locator, term: string) =>
  panel
    .locator('div', { has: panel.page().getByRole('term').filter({ hasText: term }) })
    .getByRole('definition');

interface SignIn {
  username: string;
  decision: 'Allow' | 'Deny';
  /** Name of a screenshot of the emulator's login form. */
  shot?: string;
}

/** Clicks Set up or Reset Token and completes the emulator's sign-in in the window it opens. */
async function signInThroughPopup(page: Page, button: string, { username, decision, shot }: SignIn) {
  const opened = page.waitForEvent('popup');
  await salesforceCard(page).getByRole('button', { name: button }).click();
  const popup = await opened;
  await expect(salesforceCard(page).getByText('Waiting for Salesforce sign-in…')).toBeVisible();
  await expect(popup.getByRole('heading', { name: 'Log in' })).toBeVisible();
  if (shot) await screenshot(popup, shot);
  await popup.getByLabel('Username').fill(username);
  await popup.getByLabel('Password').fill(SALESFORCE_PASSWORD);
  await popup.getByRole('button', { name: 'Log In' }).click();
  await expect(popup.getByRole('heading', { name: 'Allow Access?' })).toBeVisible();
  const closed = popup.waitForEvent('close');
  // The callback page closes the window while the click's navigation is still settling.
  await popup
    .getByRole('button', { name: decision })
    .click()
    .catch((error: unknown) => {
      if (!popup.isClosed()) throw error;
    });
  await closed;
  await expect(salesforceCard(page).getByText('Waiting for Salesforce sign-in…')).toHaveCount(0);
}

async function expectConnectedAs(page: Page, username: string) {
  const panel = connectedPanel(page);
  await expect(panel).toBeVisible();
  await expect(detail(panel, 'Instance')).toHaveText(emulatorUrl);
  await expect(detail(panel, 'Salesforce User')).toHaveText(username);
}

async function storedTokens(page: Page) {
  const response = await page.request.get('/api/oauth-tokens');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { tokens: { id: string; provider: string; createdAt: string }[] })
    .tokens;
}

/** Leaves the organization disconnected whatever a spec did (204 even when nothing is stored). */
async function disconnectQuietly(page: Page) {
  const response = await page.request.post('/api/integrations/salesforce/disconnect', { data: {} });
  expect(response.status()).toBe(204);
}

async function openIntegrations(page: Page) {
  await logIn(page, 'admin@demo.test');
  await page.goto('/admin/integrations');
  await expect(salesforceCard(page).getByRole('button', { name: 'Set up' })).toBeVisible();
}

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
