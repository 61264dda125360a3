import type { ListIntegrationsResponse } from '@ch/contracts';
import { expect, type Page, test } from '@playwright/test';
import { logIn, screenshot } from './helpers.ts';

/**
 * States the full stack cannot reach on demand (a token Salesforce stopped accepting) and
 * client-side checks, rendered in Chromium with GET /api/integrations rewritten.
 */
async function withCardState(page: Page, patch: Partial<ListIntegrationsResponse['integrations'][number]>) {
  await page.route('**/api/integrations', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as ListIntegrationsResponse;
    body.integrations = body.integrations.map((card) => ({ ...card, ...patch }));
    await route.fulfill({ response, json: body });
  });
}

const card = (page: Page) => page.getByRole('article', { name: 'Salesforce' });
const connection = {
  instanceUrl: 'https://acme.my.salesforce.com',
  username: 'integration.user@acme.example',
};

test.describe('Salesforce card states in the browser', () => {
  test('needs reconnect explains why and offers Reset Token', async ({ page }) => {
    await withCardState(page, { status: 'needs_reconnect', connection });
    await logIn(page, 'admin@demo.test');
    await page.goto('/admin/integrations');
    const panel = card(page).getByRole('region', { name: 'Salesforce must be reconnected' });
    await expect(panel).toContainText('syncs are paused');
    await expect(card(page).getByRole('button', { name: 'Reset Token' })).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Disconnect' })).toBeVisible();
    await screenshot(page, 'salesforce-needs-reconnect');
  });

  test('Sync Settings is a modal: focus inside, Tab stays inside, Escape closes and focus returns', async ({
    page,
  }) => {
    await withCardState(page, { status: 'connected', connection });
    await logIn(page, 'admin@demo.test');
    await page.goto('/admin/integrations');
    const opener = card(page).getByRole('button', { name: 'Sync Settings' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Sync Settings' });
    await expect(dialog.getByRole('group', { name: 'Add an object' })).toBeVisible();
    await screenshot(page, 'sync-settings-empty');
    const inside = () => dialog.evaluate((el) => el.contains(document.activeElement));
    expect(await inside()).toBe(true);
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Tab');
      expect(await inside()).toBe(true);
    }
    for (let i = 0; i < 8; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect(await inside()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test('a Custom My Domain that is not https on salesforce.com is refused before any window opens', async ({
    page,
  }) => {
    await logIn(page, 'admin@demo.test');
    await page.goto('/admin/integrations');
    await card(page).getByLabel('Salesforce login').selectOption({ label: 'Custom My Domain' });
    await card(page).getByLabel('My Domain URL').fill('http://acme.example.com');
    let popups = 0;
    page.on('popup', () => {
      popups += 1;
    });
    await card(page).getByRole('button', { name: 'Set up' }).click();
    await expect(card(page).getByLabel('My Domain URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(card(page).getByLabel('My Domain URL')).toHaveAccessibleDescription(
      /Enter an https URL ending in salesforce.com/,
    );
    await screenshot(page, 'salesforce-custom-domain-error');
    expect(popups).toBe(0);
  });
});
