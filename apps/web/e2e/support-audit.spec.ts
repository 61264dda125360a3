import { expect, test } from '@playwright/test';
import { keyWithDataSource } from './data-source-helpers.ts';
import { logIn } from './helpers.ts';
import { checkLayout } from './layout-helpers.ts';
import { removeSyncsQuietly } from './salesforce-helpers.ts';
import { createSync } from './sync-helpers.ts';

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
      keyId = await keyWithDataSource(page, KEY_NAME, 'audit-campaign');

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
      // With rows, at phone width each change stacks as labelled lines instead of scrolling sideways.
      await checkLayout(support, 'support-with-changes');
      await context.close();
    } finally {
      if (keyId) await page.request.delete(`/api/api-keys/${keyId}`, { data: {} });
      await removeSyncsQuietly(page);
    }
  });
});
