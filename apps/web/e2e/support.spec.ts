import { expect, type Page, test } from '@playwright/test';
import { adminNav, logIn, screenshot } from './helpers.ts';

const otherOrgSwitch = (page: Page) => page.getByRole('switch', { name: 'integrations for Other Org' });

async function setOtherOrgIntegrations(page: Page, enabled: boolean) {
  const toggle = otherOrgSwitch(page);
  if ((await toggle.getAttribute('aria-checked')) !== String(enabled)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', String(enabled));
  // Wait for the server's answer (the switch is busy until then), not just the optimistic flip.
  await expect(toggle).toBeEnabled();
}

test.describe('support toggles a feature flag', () => {
  test('turning integrations on for Other Org gives its admin the Integrations page', async ({ browser }) => {
    const support = await browser.newPage();
    await logIn(support, 'support@demo.test');
    await expect(support).toHaveURL(/\/admin\/support$/);
    await expect(adminNav(support).getByRole('link')).toHaveText(['Support']);
    await expect(otherOrgSwitch(support)).toHaveAttribute('aria-checked', 'false');

    try {
      // By keyboard: a switch is a button, so Space toggles it.
      await otherOrgSwitch(support).focus();
      await support.keyboard.press('Space');
      await expect(otherOrgSwitch(support)).toHaveAttribute('aria-checked', 'true');
      await expect(otherOrgSwitch(support)).toBeEnabled();
      const changes = support.getByRole('table', { name: 'Recent changes' });
      const row = changes.getByRole('row').filter({ hasText: 'Other Org' }).first();
      await expect(row).toContainText('support@demo.test');
      await expect(row).toContainText('integrations');
      await expect(row).toContainText('on');
      await screenshot(support, 'support');

      const admin = await browser.newPage();
      await logIn(admin, 'admin@other.test');
      await admin.reload();
      await expect(adminNav(admin).getByRole('link', { name: 'Integrations' })).toBeVisible();
      await adminNav(admin).getByRole('link', { name: 'Integrations' }).click();
      await expect(admin.getByRole('button', { name: 'Set up' })).toBeVisible();
      await admin.close();
    } finally {
      // Leave the shared database as the other specs expect it.
      await setOtherOrgIntegrations(support, false);
    }
    await expect(
      support
        .getByRole('table', { name: 'Recent changes' })
        .getByRole('row')
        .filter({ hasText: 'Other Org' })
        .first(),
    ).toContainText('off');
    await support.close();
  });
});
