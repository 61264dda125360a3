import type { ObjectSyncView } from '@ch/contracts';
import { expect, type Locator, type Page } from '@playwright/test';
import { emulatorUrl } from './emulator.ts';
import { logIn, screenshot } from './helpers.ts';

/** Connecting through the emulator's sign-in window, shared by the Salesforce specs. */
export const ACME_USER = 'integration.user@acme.example';
export const GLOBEX_USER = 'admin@globex.example';
export const SALESFORCE_PASSWORD = 'salesforce';

export const salesforceCard = (page: Page) => page.getByRole('article', { name: 'Salesforce' });
export const connectedPanel = (page: Page) =>
  salesforceCard(page).getByRole('region', { name: 'Connected to Salesforce' });

/** The value beside a term in the Connected panel's description list. */
export const detail = (panel: Locator, term: string) =>
  panel
    .locator('div', { has: panel.page().getByRole('term').filter({ hasText: term }) })
    .getByRole('definition');

export interface SignIn {
  username: string;
  decision: 'Allow' | 'Deny';
  /** Name of a screenshot of the emulator's login form. */
  shot?: string;
}

/** Clicks Set up or Reset Token and completes the emulator's sign-in in the window it opens. */
export async function signInThroughPopup(page: Page, button: string, signIn: SignIn) {
  const opened = page.waitForEvent('popup');
  await salesforceCard(page).getByRole('button', { name: button }).click();
  await completeSignIn(page, await opened, signIn);
}

/** The emulator's sign-in, in a window already opened (by a click or a key press). */
export async function completeSignIn(page: Page, popup: Page, { username, decision, shot }: SignIn) {
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

export async function expectConnectedAs(page: Page, username: string) {
  const panel = connectedPanel(page);
  await expect(panel).toBeVisible();
  await expect(detail(panel, 'Instance')).toHaveText(emulatorUrl);
  await expect(detail(panel, 'Salesforce User')).toHaveText(username);
}

export async function storedTokens(page: Page) {
  const response = await page.request.get('/api/oauth-tokens');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { tokens: { id: string; provider: string; createdAt: string }[] })
    .tokens;
}

/** Leaves the organization disconnected whatever a spec did (204 even when nothing is stored). */
export async function disconnectQuietly(page: Page) {
  const response = await page.request.post('/api/integrations/salesforce/disconnect', { data: {} });
  expect(response.status()).toBe(204);
}

export const SYNCS = '/api/integrations/salesforce/syncs';

export async function syncsOnServer(page: Page): Promise<ObjectSyncView[]> {
  const response = await page.request.get(SYNCS);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { syncs: ObjectSyncView[] }).syncs;
}

/** Leaves no syncs behind, whatever a spec did. */
export async function removeSyncsQuietly(page: Page) {
  for (const sync of await syncsOnServer(page)) {
    const response = await page.request.delete(`${SYNCS}/${sync.object}`, { data: {} });
    expect(response.status()).toBe(200);
  }
}

/**
 * Signs the admin in on the Integrations page of a disconnected organization with no syncs,
 * whatever an earlier spec left behind (one that timed out never reached its own clean-up).
 */
export async function openIntegrations(page: Page) {
  await logIn(page, 'admin@demo.test');
  await removeSyncsQuietly(page);
  await disconnectQuietly(page);
  await page.goto('/admin/integrations');
  await expect(salesforceCard(page).getByRole('button', { name: 'Set up' })).toBeVisible();
}
