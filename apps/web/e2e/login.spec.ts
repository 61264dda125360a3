import { expect, test } from '@playwright/test';
import { adminNav, logIn, password, screenshot } from './helpers.ts';

test.describe('login', () => {
  test('a wrong password shows the error and keeps the user on the login page', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/login$/);
    await screenshot(page, 'login');

    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page.getByRole('alert')).toHaveText('Invalid email or password.');
    await expect(page).toHaveURL(/\/login$/);
    await screenshot(page, 'login-error');
  });

  test('the right password lands in the Admin module', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page).toHaveURL(/\/admin\/integrations$/);
    await expect(adminNav(page)).toBeVisible();
    await expect(page.getByText('admin@demo.test')).toBeVisible();
    await expect(page.getByText('Demo Org')).toBeVisible();
  });

  test('log out ends the session', async ({ page }) => {
    await logIn(page, 'admin@demo.test');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();

    // The cookie is gone server-side too: the Admin module sends us back to the login page.
    await page.goto('/admin/integrations');
    await expect(page).toHaveURL(/\/login$/);
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });
});
