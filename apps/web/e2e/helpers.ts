import { expect, type Page } from '@playwright/test';

export const password = 'demo-password';

export async function logIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation', { name: 'Admin' })).toBeVisible();
}

export const adminNav = (page: Page) => page.getByRole('navigation', { name: 'Admin' });

/** Screenshots go under test-results (gitignored) for a human to look at. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
