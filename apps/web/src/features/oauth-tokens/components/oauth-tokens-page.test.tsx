import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, makeMe, mockApi, renderApp } from '../../../test/render-app.tsx';
import { oauthTokenFixture } from '../../../test/salesforce-fixtures.ts';

afterEach(() => vi.unstubAllGlobals());

function tokensApi(tokens: unknown[]) {
  mockApi({
    'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
    'GET /api/oauth-tokens': () => json(200, { tokens }),
  });
}

describe('OAuth Tokens page', () => {
  it('lists tokens under their provider with account, scopes, status and dates', async () => {
    tokensApi([
      oauthTokenFixture(),
      oauthTokenFixture({
        id: '00000000-0000-4000-8000-0000000000bb',
        status: 'needs_reconnect',
        refreshedAt: '2025-03-02T10:00:00.000Z',
        authorizedBy: null,
      }),
    ]);
    renderApp('/admin/oauth-tokens');
    const table = await screen.findByRole('table', { name: 'salesforce' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Provider', 'Account', 'Scopes', 'Status', 'Created', 'Last refreshed', 'Authorized by']);
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(first?.textContent).toContain('integration.user@acme.example');
    expect(first?.textContent).toContain('https://acme.my.salesforce.com');
    expect(first?.textContent).toContain('refresh_token');
    expect(first?.textContent).toContain('Active');
    expect(first?.textContent).toContain('Never');
    expect(first?.textContent).toContain('admin@demo.test');
    expect(second?.textContent).toContain('Needs reconnect');
    expect(second?.textContent).not.toContain('Never');
    expect(second?.textContent).toContain('Unknown');
  });

  it('says when no token is stored', async () => {
    tokensApi([]);
    renderApp('/admin/oauth-tokens');
    expect(await screen.findByRole('heading', { name: 'No OAuth tokens are stored yet' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
