import { expect, test } from '@playwright/test';
import { checkLayout } from './layout-helpers.ts';

test.describe('the API reference (/api/docs)', () => {
  test('reads as part of the product: a way back, rendered descriptions, keyboard-reachable schemas', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.goto('/api/docs');
    await expect(page.locator('#operations section').first()).toBeVisible();

    await expect(page.getByRole('link', { name: 'Back to API Keys' })).toHaveAttribute(
      'href',
      '/admin/api-keys',
    );
    // "Needs an API key with the `data-sources:read` scope." renders its code span, not backticks.
    const note = page.locator('.op .note', { hasText: 'Needs an API key with the' }).first();
    await expect(note.locator('code')).toHaveText(/^[a-z-]+:(read|write)$/);
    expect((await page.locator('.op .note').allTextContents()).join(' ')).not.toContain('`');

    // A schema block scrolls inside itself, so it is a named region the keyboard can reach.
    const firstSchema = page.locator('#schemas pre').first();
    await expect(firstSchema).toHaveAttribute('tabindex', '0');
    await expect(firstSchema).toHaveAttribute('aria-label', /schema$/);
    const summary = page.locator('.op details summary').first();
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused).toMatch(/schema$/);

    await checkLayout(page, 'api-docs');
  });
});
