import { expect, type Page, test } from '@playwright/test';
import { emulatorControlKey, emulatorUrl } from './emulator.ts';
import { checkLayout } from './layout-helpers.ts';
import {
  ACME_USER,
  disconnectQuietly,
  expectConnectedAs,
  openIntegrations,
  removeSyncsQuietly,
  signInThroughPopup,
} from './salesforce-helpers.ts';
import { createSync, openSyncSettings, syncRow } from './sync-helpers.ts';

type Served = { id: string; fields: Record<string, unknown> };

/** Acme's Contacts as the emulator holds them (its control API), by id. */
async function salesforceContacts(): Promise<Map<string, Record<string, unknown>>> {
  const response = await fetch(`${emulatorUrl}/__emulator/orgs/acme/records/Contact`, {
    headers: { 'x-emulator-key': emulatorControlKey },
  });
  expect(response.ok).toBe(true);
  const { records } = (await response.json()) as { records: Record<string, unknown>[] };
  return new Map(records.filter((r) => r.IsDeleted !== true).map((r) => [String(r.Id), r]));
}

/** Every record a campaign reads through /api/v1 from a new Contact data source. */
async function servedContacts(page: Page): Promise<Served[]> {
  const created = await page.request.post('/api/api-keys', {
    data: { name: 'Fields e2e', scopes: ['data-sources:read', 'data-sources:write'] },
  });
  const { key } = (await created.json()) as { key: string };
  const headers = { Authorization: `Bearer ${key}` };
  const source = await page.request.post('/api/v1/campaigns/fields-e2e/data-sources', {
    headers,
    data: { object: 'Contact' },
  });
  const { id } = (await source.json()) as { id: string };
  const page1 = await page.request.get(`/api/v1/data-sources/${id}/records?limit=1000`, { headers });
  return ((await page1.json()) as { records: Served[] }).records;
}

test.describe('Salesforce sync fields', () => {
  test('an admin adds "Preferred Language" to the Contact sync; /api/v1 serves it as Salesforce has it', async ({
    page,
  }) => {
    await openIntegrations(page);
    try {
      await signInThroughPopup(page, 'Set up', { username: ACME_USER, decision: 'Allow' });
      await expectConnectedAs(page, ACME_USER);
      await createSync(page, 'Contact', { method: 'REST', intervalMinutes: 5, enabled: true });
      await openSyncSettings(page);
      const row = syncRow(page, 'Contact');
      await expect(row).toContainText('250 records', { timeout: 30_000 });

      await row.getByRole('button', { name: 'Fields' }).click();
      await expect(row.getByRole('checkbox', { name: 'Email', exact: true })).toBeChecked();
      await expect(row.getByRole('checkbox', { name: 'Email', exact: true })).toBeDisabled();
      await row.getByRole('searchbox', { name: 'Search fields' }).fill('language');
      await expect(row.getByRole('checkbox', { name: 'Email', exact: true })).toBeHidden();
      const language = row.getByRole('checkbox', { name: 'Preferred Language' });
      // Keyboard only: Tab from the search box reaches the first match, Space ticks it.
      await row.getByRole('searchbox', { name: 'Search fields' }).press('Tab');
      await expect(language).toBeFocused();
      await page.keyboard.press('Space');
      await expect(language).toBeChecked();
      await checkLayout(page, 'sync-fields-open');
      await row.getByRole('button', { name: 'Save' }).click();
      await expect(row.getByText('Contact sync saved.')).toBeVisible();

      // The next run backfills the field into the stored records; /api/v1 then serves it.
      const truth = await salesforceContacts();
      let served: Served[] = [];
      await expect
        .poll(
          async () => {
            served = await servedContacts(page);
            return served.filter((record) => record.fields.Preferred_Language__c != null).length;
          },
          { timeout: 30_000 },
        )
        .toBe([...truth.values()].filter((record) => record.Preferred_Language__c != null).length);
      expect(served).toHaveLength(truth.size);
      for (const record of served) {
        expect(record.fields.Preferred_Language__c ?? null).toBe(
          truth.get(record.id)?.Preferred_Language__c ?? null,
        );
      }
    } finally {
      await removeSyncsQuietly(page);
      await disconnectQuietly(page);
    }
  });
});
