import { expect, type Page, test } from '@playwright/test';
import { adminNav, logIn, screenshot } from './helpers.ts';

const KEY_NAME = 'Campaign module (e2e)';
const AVAILABLE = '/api/v1/data-sources/available';

const callWith = (page: Page, key: string) =>
  page.request.get(AVAILABLE, { headers: { Authorization: `Bearer ${key}` } });

/** Revokes any key this spec created that is still live, so reruns and other specs start clean. */
async function revokeOurKeys(page: Page) {
  const listed = await page.request.get('/api/api-keys');
  if (!listed.ok()) return;
  const { apiKeys } = (await listed.json()) as {
    apiKeys: { id: string; name: string; revokedAt: string | null }[];
  };
  for (const key of apiKeys.filter((k) => k.name === KEY_NAME && !k.revokedAt)) {
    expect((await page.request.delete(`/api/api-keys/${key.id}`, { data: {} })).status()).toBe(204);
  }
}

test.describe('API keys', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('an admin creates a key, sees it once, calls /api/v1 with it, then revokes it', async ({ page }) => {
    await logIn(page, 'admin@demo.test');
    try {
      await adminNav(page).getByRole('link', { name: 'API Keys' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
      await expect(page.getByRole('link', { name: /API reference/ })).toHaveAttribute('href', '/api/docs');
      // The database is new for each run and no other spec creates keys.
      await expect(page.getByRole('heading', { name: 'No API keys yet' })).toBeVisible();
      await screenshot(page, 'api-keys-empty');

      const form = page.getByRole('form', { name: 'Create key' });
      await form.getByRole('textbox', { name: 'Name' }).fill(KEY_NAME);
      await form.getByRole('checkbox', { name: 'data-sources:read' }).check();
      await form.getByRole('button', { name: 'Create key' }).click();

      const panel = page.getByRole('status', { name: `Key “${KEY_NAME}” created` });
      await expect(panel).toContainText('Copy this key now: it will not be shown again.');
      const field = panel.getByRole('textbox', { name: 'API key' });
      await expect(field).toBeFocused();
      const key = await field.inputValue();
      expect(key).toMatch(/^chk_live_[A-Za-z0-9_-]{43}$/);
      await panel.getByRole('button', { name: 'Copy' }).click();
      await expect(panel.getByText('Copied to the clipboard.')).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      await screenshot(page, 'api-keys-new-key');

      const row = page.getByRole('table', { name: 'Keys' }).getByRole('row').filter({ hasText: KEY_NAME });
      await expect(row).toContainText(`${key.slice(0, 17)}…`);
      await expect(row).toContainText('data-sources:read');
      await expect(row).toContainText('admin@demo.test');

      await panel.getByRole('button', { name: 'Done' }).click();
      await expect(panel).toHaveCount(0);
      await expect(page.locator('body')).not.toContainText(key);

      expect((await callWith(page, key)).status()).toBe(200);
      // The list records the use; reloading also shows the key cannot come back.
      await page.reload();
      await expect(row).not.toContainText('Never');
      await expect(page.locator('body')).not.toContainText(key);
      await screenshot(page, 'api-keys-with-key');

      page.once('dialog', (dialog) => {
        expect(dialog.type()).toBe('confirm');
        expect(dialog.message()).toBe(`Revoke the key “${KEY_NAME}”? Clients using it stop working at once.`);
        void dialog.accept();
      });
      await row.getByRole('button', { name: `Revoke ${KEY_NAME}` }).click();
      await expect(row).toContainText('Revoked');
      await expect(row.getByRole('button')).toHaveCount(0);

      const refused = await callWith(page, key);
      expect(refused.status()).toBe(401);
      expect((await refused.json()).error.code).toBe('unauthenticated');
      await screenshot(page, 'api-keys-revoked');
    } finally {
      await revokeOurKeys(page);
    }
  });

  test('an agent has no API Keys page, not even by URL', async ({ page }) => {
    await logIn(page, 'agent@demo.test');
    await expect(adminNav(page).getByRole('link', { name: 'API Keys' })).toHaveCount(0);
    await page.goto('/admin/api-keys');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
