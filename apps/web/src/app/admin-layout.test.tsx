import type { Me } from '@ch/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockApi, renderApp } from '../test/render-app.tsx';
import { salesforceCardFixture } from '../test/salesforce-fixtures.ts';

afterEach(() => vi.unstubAllGlobals());

const salesforce = salesforceCardFixture('not_connected', {
  description: 'Import contacts and leads as data sources.',
});

function signedInAs(me: Me) {
  return mockApi({
    'GET /api/auth/me': () => json(200, me),
    'GET /api/integrations': () => json(200, { integrations: [salesforce] }),
    'GET /api/support/organizations': () => json(200, { organizations: [] }),
    'GET /api/support/audit-events': () => json(200, { events: [] }),
    'GET /api/oauth-tokens': () => json(200, { tokens: [] }),
    'POST /api/auth/logout': () => new Response(null, { status: 204 }),
  });
}

async function navLinks() {
  const nav = await screen.findByRole('navigation', { name: 'Admin' });
  return within(nav)
    .queryAllByRole('link')
    .map((link) => link.textContent);
}

describe('Admin navigation', () => {
  it('shows an ADMIN Integrations, API Keys and OAuth Tokens when the flag is on, and the header', async () => {
    signedInAs(makeMe('ADMIN', ['integrations']));
    renderApp('/admin');
    expect(await navLinks()).toEqual(['Integrations', 'API Keys', 'OAuth Tokens']);
    expect(await screen.findByRole('button', { name: 'Set up' })).toBeTruthy();
    expect(screen.getByText('Import contacts and leads as data sources.')).toBeTruthy();
    expect(screen.getByText('admin@demo.test')).toBeTruthy();
    expect(screen.getByText('Demo Org')).toBeTruthy();
  });

  it('hides Integrations and OAuth Tokens when the flag is off and answers Not Found on its URL', async () => {
    signedInAs(makeMe('ADMIN'));
    renderApp('/admin/integrations');
    expect(await navLinks()).toEqual([]);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('tells an ADMIN without the flag to ask support to turn it on', async () => {
    signedInAs(makeMe('ADMIN'));
    renderApp('/admin');
    expect(await screen.findByRole('heading', { name: 'Nothing to manage here' })).toBeTruthy();
    expect(screen.getByText(/integrations feature flag is disabled for Demo Org/)).toBeTruthy();
  });

  it('gives SUPPORT the Support page', async () => {
    signedInAs(makeMe('SUPPORT', ['integrations']));
    const { router } = renderApp('/admin');
    expect(await navLinks()).toEqual(['Support']);
    expect(await screen.findByRole('heading', { level: 1, name: 'Support' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/admin/support');
  });

  it('tells a MEMBER there is nothing to manage, and hides Integrations from them', async () => {
    signedInAs(makeMe('MEMBER', ['integrations']));
    renderApp('/admin');
    expect(await screen.findByRole('heading', { name: 'Nothing to manage here' })).toBeTruthy();
    expect(screen.getByText(/You have no admin pages/)).toBeTruthy();
    expect(await navLinks()).toEqual([]);
  });

  it('sends a visitor without a session to the login page', async () => {
    mockApi({ 'GET /api/auth/me': () => apiError(401, 'unauthenticated', 'Log in first.') });
    const { router } = renderApp('/admin/support');
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('logs out and returns to the login page', async () => {
    const fetchMock = signedInAs(makeMe('ADMIN', ['integrations']));
    const { router } = renderApp('/admin/oauth-tokens');
    await userEvent.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/auth/logout')).toBe(true);
  });

  it('shows Not Found for unknown URLs', async () => {
    signedInAs(makeMe('ADMIN'));
    renderApp('/admin/nope');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
