import { expect, type Locator, type Page, type Route, test } from '@playwright/test';
import { logIn } from './helpers.ts';
import { checkLayout } from './layout-helpers.ts';
import {
  ACME_USER,
  disconnectQuietly,
  expectConnectedAs,
  openIntegrations,
  signInThroughPopup,
} from './salesforce-helpers.ts';
import { syncDialog } from './sync-helpers.ts';

/**
 * Holds every GET of `path` until `fail()`, which answers them (and any later one) with a 503,
 * until `restore()` lets them through to the API again. The states in between stay on screen.
 */
async function holdThenFail(page: Page, path: string) {
  let failing = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler = async (route: Route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    if (!failing) await released;
    return route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'internal', message: 'The service is restarting.' } }),
    });
  };
  await page.route(path, handler);
  return {
    fail: () => {
      failing = true;
      release();
    },
    restore: () => page.unroute(path, handler),
  };
}

interface Case {
  name: string;
  user: string;
  url: string;
  api: string;
  loading: string;
  failed: string;
  loaded: (page: Page) => Locator;
}

const cases: Case[] = [
  {
    name: 'api-keys',
    user: 'admin@demo.test',
    url: '/admin/api-keys',
    api: '/api/api-keys',
    loading: 'Loading API keys…',
    failed: 'Could not load API keys',
    // Other specs may have left keys behind: either answer means the list loaded.
    loaded: (page) =>
      page.getByRole('table', { name: 'Keys' }).or(page.getByRole('heading', { name: 'No API keys yet' })),
  },
  {
    name: 'oauth-tokens',
    user: 'admin@demo.test',
    url: '/admin/oauth-tokens',
    api: '/api/oauth-tokens',
    loading: 'Loading OAuth tokens…',
    failed: 'Could not load OAuth tokens',
    loaded: (page) =>
      page.getByRole('table').or(page.getByRole('heading', { name: 'No OAuth tokens are stored yet' })),
  },
  {
    name: 'integrations',
    user: 'admin@demo.test',
    url: '/admin/integrations',
    api: '/api/integrations',
    loading: 'Loading integrations…',
    failed: 'Could not load integrations',
    loaded: (page) => page.getByRole('article', { name: 'Salesforce' }),
  },
  {
    name: 'support-organizations',
    user: 'support@demo.test',
    url: '/admin/support',
    api: '/api/support/organizations',
    loading: 'Loading organizations…',
    failed: 'Could not load organizations',
    loaded: (page) => page.getByRole('region', { name: 'Feature flags per organization' }),
  },
  {
    name: 'support-recent-changes',
    user: 'support@demo.test',
    url: '/admin/support',
    api: '/api/support/audit-events',
    loading: 'Loading recent changes…',
    failed: 'Could not load recent changes',
    loaded: (page) =>
      page
        .getByRole('region', { name: 'Recent changes' })
        .getByText(/^(No changes yet\.|When)$/)
        .first(),
  },
];

test.describe('Loading and load failures', () => {
  for (const c of cases) {
    test(`${c.name}: the wait is announced, a failure names what failed, Try again loads it`, async ({
      page,
    }) => {
      // Two layout checks (four widths, axe at two) besides the client's own retries.
      test.setTimeout(90_000);
      await logIn(page, c.user);
      const api = await holdThenFail(page, c.api);
      await page.goto(c.url);
      await expect(page.getByRole('status').filter({ hasText: c.loading })).toBeVisible();
      await checkLayout(page, `${c.name}-loading`);

      api.fail();
      // The client retries a 5xx twice with a back-off before it gives up.
      const alert = page.getByRole('alert').filter({ hasText: c.failed });
      await expect(alert).toContainText('The service is restarting.', { timeout: 15_000 });
      await checkLayout(page, `${c.name}-error`);

      await api.restore();
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(c.loaded(page)).toBeVisible();
      await expect(alert).toBeHidden();
    });
  }

  test('sync-settings: the modal announces its load and offers Try again', async ({ page }) => {
    test.setTimeout(120_000);
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await expectConnectedAs(page, ACME_USER);
      const api = await holdThenFail(page, '/api/integrations/salesforce/syncs');
      // A fresh page, so no syncs are cached and the modal has to wait for them.
      await page.reload();
      await page.getByRole('button', { name: 'Sync Settings' }).click();
      await expect(syncDialog(page).getByRole('status').filter({ hasText: 'Loading syncs…' })).toBeVisible();
      await checkLayout(page, 'sync-settings-loading');

      api.fail();
      const alert = syncDialog(page).getByRole('alert').filter({ hasText: 'Could not load the syncs' });
      await expect(alert).toContainText('The service is restarting.', { timeout: 15_000 });
      await checkLayout(page, 'sync-settings-error');

      await api.restore();
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(syncDialog(page).getByText(/Choose which Salesforce objects/)).toBeVisible();
    } finally {
      await disconnectQuietly(page);
    }
  });
});
