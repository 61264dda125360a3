import { expect, type Page, test } from '@playwright/test';
import { openIntegrations } from './salesforce-helpers.ts';

/** Chromium reports each Content-Security-Policy violation on the console. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test.describe('Content-Security-Policy', () => {
  test('the admin app runs under it with no violation', async ({ page }) => {
    const violations = cspViolations(page);
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await openIntegrations(page);
    expect(violations).toEqual([]);
  });

  test('the API reference renders its operations from files it is allowed to load', async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto('/api/docs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/1\.0\.0$/);
    await expect(page.locator('#operations section').first()).toBeVisible();
    expect(await page.locator('body').evaluate((body) => getComputedStyle(body).maxWidth)).toBe('960px');
    expect(violations).toEqual([]);
  });

  test('an inline script is refused', async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto('/api/docs');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "injected"';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.title()).not.toBe('injected');
  });
});
