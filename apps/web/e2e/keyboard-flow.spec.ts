import { expect, test } from '@playwright/test';
import { expectFocusOn, tabTo } from './focus-helpers.ts';
import { adminNav, logIn } from './helpers.ts';
import {
  ACME_USER,
  completeSignIn,
  disconnectQuietly,
  openIntegrations,
  removeSyncsQuietly,
  salesforceCard,
} from './salesforce-helpers.ts';
import { answerNextBrowserDialog, syncDialog, syncRow } from './sync-helpers.ts';

test.describe('by keyboard alone', () => {
  test('at phone width the navigation collapses into a Menu button that works by keyboard', async ({
    page,
  }) => {
    await logIn(page, 'admin@demo.test');
    await page.goto('/admin/integrations');
    const nav = adminNav(page);
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toBeHidden();
    await expect(nav.getByRole('link', { name: 'API Keys' })).toBeVisible();

    await page.setViewportSize({ width: 390, height: 860 });
    await expect(nav.getByRole('link', { name: 'API Keys' })).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await tabTo(page, menu);
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expectFocusOn(page, nav.getByRole('link', { name: 'Integrations' }));
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'API Keys' })).toBeHidden();
    await expectFocusOn(page, menu);

    await page.keyboard.press('Space');
    await tabTo(page, nav.getByRole('link', { name: 'API Keys' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/admin\/api-keys$/);
    await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav.getByRole('link', { name: 'API Keys' })).toBeHidden();
  });

  test('connect, add Lead, REST Polling every 10 minutes, on, Save, Test, close: focus never on body', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await openIntegrations(page);
    const card = salesforceCard(page);
    try {
      await tabTo(page, card.getByRole('button', { name: 'Set up' }));
      const opened = page.waitForEvent('popup');
      await page.keyboard.press('Enter');
      await completeSignIn(page, await opened, { username: ACME_USER, decision: 'Allow' });
      // The Set up button is gone: focus is on the panel that replaced it, and the outcome was announced.
      await expectFocusOn(page, card.getByRole('heading', { name: 'Connected to Salesforce' }));
      await expect(card.getByRole('status').filter({ hasText: 'Connected to Salesforce.' })).toBeAttached();

      await tabTo(page, card.getByRole('button', { name: 'Sync Settings' }));
      await page.keyboard.press('Enter');
      const dialog = syncDialog(page);
      await expectFocusOn(page, dialog);

      await tabTo(
        page,
        dialog.getByRole('group', { name: 'Add an object' }).getByRole('button', { name: 'Lead' }),
      );
      await page.keyboard.press('Enter');
      const row = syncRow(page, 'Lead');
      await expectFocusOn(page, row);

      await tabTo(page, row.getByRole('radio', { name: 'CDC (real-time)' }));
      await page.keyboard.press('ArrowRight');
      await expect(row.getByRole('radio', { name: 'REST Polling' })).toBeChecked();
      const interval = row.getByRole('combobox', { name: 'Interval' });
      await tabTo(page, interval);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(interval).toHaveValue('10');
      await tabTo(page, row.getByRole('switch', { name: 'Enabled: Lead' }));
      await page.keyboard.press('Space');
      await expect(row.getByRole('switch', { name: 'Enabled: Lead' })).toHaveAttribute(
        'aria-checked',
        'true',
      );

      await tabTo(page, row.getByRole('button', { name: 'Save' }));
      await page.keyboard.press('Enter');
      // Save confirms it saved, and focus is on that confirmation (Save is disabled again).
      const saved = row.getByRole('status').filter({ hasText: 'Lead sync saved.' });
      await expect(saved).toBeVisible();
      await expect(page.locator(':focus')).toContainText('Lead sync saved.');
      expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');

      await tabTo(page, row.getByRole('button', { name: 'Test' }));
      const alert = answerNextBrowserDialog(page);
      await page.keyboard.press('Enter');
      expect(await alert).toContain('Lead can be read');
      const lastTest = row.getByRole('status').filter({ hasText: 'Last test passed' });
      await expectFocusOn(page, lastTest);
      await expect(lastTest).toContainText('REST Polling will work');

      await tabTo(page, dialog.getByRole('button', { name: 'Close' }));
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expectFocusOn(page, card.getByRole('button', { name: 'Sync Settings' }));
    } finally {
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });
});
