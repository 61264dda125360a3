import { expect, test } from '@playwright/test';
import { adminNav, logIn, screenshot } from './helpers.ts';

test.describe('navigation by role', () => {
  test('an ADMIN of an organization with integrations sees the Salesforce card', async ({ page }) => {
    await logIn(page, 'admin@demo.test');
    const nav = adminNav(page);
    await expect(nav.getByRole('link', { name: 'Integrations' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'OAuth Tokens' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Support' })).toHaveCount(0);

    await nav.getByRole('link', { name: 'Integrations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
    const card = page.getByRole('article', { name: 'Salesforce' });
    await expect(card.getByRole('button', { name: 'Set up' })).toBeVisible();
    await expect(card.getByRole('combobox', { name: 'Salesforce login' })).toHaveValue('emulator');
    await expect(page.getByText('They live on the Settings page, under the Webex tab.')).toBeVisible();
    await screenshot(page, 'integrations');

    await nav.getByRole('link', { name: 'OAuth Tokens' }).click();
    await expect(page.getByRole('heading', { name: 'No OAuth tokens are stored yet' })).toBeVisible();
    await screenshot(page, 'oauth-tokens');
  });

  test('a MEMBER has no Integrations page, not even by URL', async ({ page }) => {
    await logIn(page, 'agent@demo.test');
    await expect(page.getByRole('heading', { name: 'Nothing to manage here' })).toBeVisible();
    await expect(adminNav(page).getByRole('link')).toHaveCount(0);
    await screenshot(page, 'nothing-to-manage');

    await page.goto('/admin/integrations');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await screenshot(page, 'not-found');
  });

  test('an ADMIN of an organization without the flag sees no Integrations pages', async ({ page }) => {
    await logIn(page, 'admin@other.test');
    await expect(page.getByRole('heading', { name: 'Nothing to manage here' })).toBeVisible();
    await expect(page.getByText(/Contact Cloverhound support to have it enabled/)).toBeVisible();
    await expect(adminNav(page).getByRole('link', { name: 'OAuth Tokens' })).toHaveCount(0);
    await expect(adminNav(page).getByRole('link', { name: 'Integrations' })).toHaveCount(0);

    for (const path of ['/admin/integrations', '/admin/oauth-tokens']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
  });

  test('an unknown URL shows the not-found page', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await screenshot(page, 'not-found-standalone');
  });
});
