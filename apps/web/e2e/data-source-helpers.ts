import { expect, type Page } from '@playwright/test';

/**
 * A key, and a campaign data source created with it over /api/v1, so pages have a key row and
 * an audit event whose actor is the key. The object's sync must exist. Answers the key's id.
 */
export async function keyWithDataSource(page: Page, name: string, campaignId: string) {
  const created = await page.request.post('/api/api-keys', {
    data: { name, scopes: ['data-sources:read', 'data-sources:write'] },
  });
  expect(created.status()).toBe(201);
  const { apiKey, key } = (await created.json()) as { apiKey: { id: string }; key: string };
  const source = await page.request.post(`/api/v1/campaigns/${campaignId}/data-sources`, {
    headers: { Authorization: `Bearer ${key}` },
    data: { object: 'Contact' },
  });
  expect(source.status()).toBe(201);
  return apiKey.id;
}
