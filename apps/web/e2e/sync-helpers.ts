import { expect, type Page } from '@playwright/test';
import { SYNCS, salesforceCard } from './salesforce-helpers.ts';

export const syncDialog = (page: Page) => page.getByRole('dialog', { name: 'Sync Settings' });
export const syncRow = (page: Page, object: string) => syncDialog(page).getByRole('region', { name: object });
export const summaryLine = (page: Page, object: string) =>
  salesforceCard(page)
    .getByRole('region', { name: 'Sync status' })
    .getByRole('listitem')
    .filter({ hasText: object });

export async function openSyncSettings(page: Page) {
  await salesforceCard(page).getByRole('button', { name: 'Sync Settings' }).click();
  await expect(syncDialog(page).getByText(/Choose which Salesforce objects/)).toBeVisible();
}

export async function closeSyncSettings(page: Page) {
  await syncDialog(page).getByRole('button', { name: 'Close' }).click();
  await expect(syncDialog(page)).toBeHidden();
}

/**
 * Answers the next window.alert or window.confirm and resolves with its message. Register it
 * before the click that opens it.
 */
export function answerNextBrowserDialog(page: Page, accept = true): Promise<string> {
  return new Promise((resolve) => {
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

/** A sync set up through the API, for specs about what follows rather than the form itself. */
export async function createSync(page: Page, object: 'Contact' | 'Lead', settings: Record<string, unknown>) {
  expect((await page.request.post(SYNCS, { data: { object } })).status()).toBe(201);
  expect((await page.request.patch(`${SYNCS}/${object}`, { data: settings })).status()).toBe(200);
}
