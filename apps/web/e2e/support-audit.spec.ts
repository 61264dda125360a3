import { expect, test } from '@playwright/test';
import { logIn } from './helpers.ts';
import { createSync, removeSyncsQuietly } from './sync-helpers.ts';

const KEY_NAME = 'Audit words (e2e)';

test.describe('Support: recent changes in words', () => {
  test('each change reads as a sentence with its actor, an API key by its name', async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    await logIn(page, 'admin@demo.test');
    let keyId: string | undefined;
    try {
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 30 });
      const created = await page.request.post('/api/api-keys', {
        data: { name: KEY_NAME, scopes: ['data-sources:write'] },
      });
      expect(created.status()).toBe(201);
      const { apiKey, key } = (await created.json()) as { apiKey: { id: string }; key: string };
      keyId = apiKey.id;
      const source = await page.request.post('/api/v1/campaigns/audit-campaign/data-sources', {
        headers: { Authorization: `Bearer ${key}` },
        data: { object: 'Contact' },
      });
      expect(source.status()).toBe(201);

      const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
      const support = await context.newPage();
      await logIn(support, 'support@demo.test');
      await support.goto('/admin/support');
      const changes = support.getByRole('table', { name: 'Recent changes' });
      const linked = changes
        .getByRole('row')
        .filter({ hasText: 'Linked Contact as a data source of campaign audit-campaign' });
      await expect(linked).toContainText(`API key “${KEY_NAME}”`);
      await expect(
        changes
          .getByRole('row')
          .filter({ hasText: 'Changed the Contact sync: REST Polling every 30 minutes, off' })
          .first(),
      ).toContainText('admin@demo.test');
      // No raw action names or detail dumps, and no change credited to "System".
      await expect(changes).not.toContainText('salesforce.sync_changed');
      await expect(changes).not.toContainText('intervalMinutes');
      await expect(changes).not.toContainText('System');
      await context.close();
    } finally {
      if (keyId) await page.request.delete(`/api/api-keys/${keyId}`, { data: {} });
      await removeSyncsQuietly(page);
    }
  });
});
