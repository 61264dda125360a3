import type { Me } from '@ch/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiKeyFixture, apiKeysApi } from '../../../test/api-keys-api.ts';
import { makeMe, renderApp } from '../../../test/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const revoked = apiKeyFixture({
  id: '00000000-0000-4000-8000-0000000000c2',
  name: 'Old dialler',
  prefix: 'chk_live_99zz88yy',
  scopes: ['data-sources:write'],
  createdBy: null,
  lastUsedAt: '2025-03-02T10:00:00.000Z',
  revokedAt: '2025-03-03T10:00:00.000Z',
});

const keysTable = () => screen.findByRole('table', { name: 'Keys' });

describe('API Keys page', () => {
  it('explains what keys are for and links to the API reference in a new tab', async () => {
    apiKeysApi([]);
    renderApp('/admin/api-keys');
    expect(await screen.findByRole('heading', { level: 1, name: 'API Keys' })).toBeTruthy();
    expect(screen.getByText(/other service clients call/).textContent).toContain(
      'Authorization: Bearer <key>',
    );
    const link = screen.getByRole('link', { name: /API reference/ });
    expect(link.getAttribute('href')).toBe('/api/docs');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('lists each key by its display prefix, scopes, dates and creator; a revoked key has no Revoke', async () => {
    apiKeysApi([apiKeyFixture(), revoked]);
    renderApp('/admin/api-keys');
    const table = await keysTable();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Key', 'Scopes', 'Created', 'Last used', 'Created by', 'Actions']);
    const [active, old] = within(table).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(within(active).getByRole('rowheader').textContent).toBe('Campaign module');
    expect(within(active).getByText('chk_live_ab12cd34…')).toBeTruthy();
    expect(within(active).getByText('data-sources:read')).toBeTruthy();
    expect(within(active).getByText('call-activities:write')).toBeTruthy();
    expect(active.textContent).toContain('Never');
    expect(active.textContent).toContain('admin@demo.test');
    expect(within(active).getByRole('button', { name: 'Revoke Campaign module' })).toBeTruthy();

    expect(old.textContent).toContain('Revoked');
    expect(old.textContent).not.toContain('Never');
    expect(old.textContent).toContain('Unknown');
    expect(within(old).queryByRole('button')).toBeNull();
  });

  it('shows an empty state without a table', async () => {
    apiKeysApi([]);
    renderApp('/admin/api-keys');
    expect(await screen.findByRole('heading', { name: 'No API keys yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('Revoke', () => {
  it('asks first; No sends nothing, Yes revokes and the row says Revoked', async () => {
    const { requests } = apiKeysApi([apiKeyFixture()]);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderApp('/admin/api-keys');
    const table = await keysTable();
    await userEvent.click(within(table).getByRole('button', { name: 'Revoke Campaign module' }));
    expect(confirm).toHaveBeenLastCalledWith(
      'Revoke the key “Campaign module”? Clients using it stop working at once.',
    );
    expect(requests('DELETE')).toEqual([]);
    expect(table.textContent).not.toContain('Revoked');

    confirm.mockReturnValue(true);
    await userEvent.click(within(table).getByRole('button', { name: 'Revoke Campaign module' }));
    expect(requests('DELETE')).toEqual([
      { url: '/api/api-keys/00000000-0000-4000-8000-0000000000c1', body: {} },
    ]);
    await vi.waitFor(() => expect(table.textContent).toContain('Revoked'));
    expect(within(table).queryByRole('button', { name: 'Revoke Campaign module' })).toBeNull();
  });
});

describe('API Keys in the navigation', () => {
  const navLinks = async () =>
    within(await screen.findByRole('navigation', { name: 'Admin' }))
      .queryAllByRole('link')
      .map((link) => link.textContent);

  it('an ADMIN with integrations sees API Keys after Integrations', async () => {
    apiKeysApi([]);
    renderApp('/admin/api-keys');
    expect(await navLinks()).toEqual(['Integrations', 'API Keys', 'OAuth Tokens']);
    expect(await screen.findByRole('heading', { level: 1, name: 'API Keys' })).toBeTruthy();
  });

  it.each<[string, Me]>([
    ['an ADMIN without integrations', makeMe('ADMIN')],
    ['a MEMBER', makeMe('MEMBER', ['integrations'])],
    ['SUPPORT', makeMe('SUPPORT', ['integrations'])],
  ])('%s has no API Keys link, and its URL is Not Found', async (_who, me) => {
    const { requests } = apiKeysApi([], me);
    renderApp('/admin/api-keys');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(await navLinks()).not.toContain('API Keys');
    // Not even asked for: the page is not rendered at all.
    expect(requests('GET').map((r) => r.url)).not.toContain('/api/api-keys');
  });
});
