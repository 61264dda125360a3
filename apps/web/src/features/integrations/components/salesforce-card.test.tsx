import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { card, expectNotice, integrationsApi } from '../../../test/integrations-api.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { salesforceCardFixture } from '../../../test/salesforce-fixtures.ts';

// Set up and Reset Token (the sign-in window and its outcomes) are in salesforce-card-sign-in.test.tsx.

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Salesforce card states', () => {
  it('not connected: Set up beside the login host, defaulting to the API default', async () => {
    integrationsApi(salesforceCardFixture('not_connected'));
    renderApp('/admin/integrations');
    const sf = await card();
    expect(within(sf).getByRole('button', { name: 'Set up' })).toBeTruthy();
    const select = within(sf).getByRole('combobox', { name: 'Salesforce login' }) as HTMLSelectElement;
    expect(select.value).toBe('emulator');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Salesforce emulator (local)', 'Production', 'Sandbox', 'Custom My Domain']);
    expect(within(sf).queryByText('Connected to Salesforce')).toBeNull();
    expect(within(sf).getByText('Not connected')).toBeTruthy();
  });

  it('connected: the green panel lists Instance and Salesforce User, with the three actions', async () => {
    integrationsApi(salesforceCardFixture('connected'));
    renderApp('/admin/integrations');
    const sf = await card();
    const panel = within(sf).getByRole('region', { name: 'Connected to Salesforce' });
    const terms = within(panel)
      .getAllByRole('term')
      .map((t) => t.textContent);
    const values = within(panel)
      .getAllByRole('definition')
      .map((d) => d.textContent);
    expect(terms).toEqual(['Instance', 'Salesforce User']);
    expect(values).toEqual(['https://acme.my.salesforce.com', 'integration.user@acme.example']);
    for (const name of ['Reset Token', 'Sync Settings', 'Disconnect']) {
      expect(within(sf).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(sf).queryByRole('button', { name: 'Set up' })).toBeNull();
    expect(
      within(sf).getByRole('button', { name: 'Reset Token' }).getAttribute('aria-describedby'),
    ).toBeTruthy();
    expect(within(sf).getByText(/at most five sign-ins per Salesforce user/)).toBeTruthy();
  });

  it('connected: Sync Settings opens the modal, which offers Contact and Lead', async () => {
    integrationsApi(salesforceCardFixture('connected'));
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Sync Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });
    const add = await within(dialog).findByRole('group', { name: 'Add an object' });
    expect(
      within(add)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['+ Contact', '+ Lead']);
    expect(within(dialog).getByText('No objects are synced yet.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('needs reconnect: explains the stopped token and paused syncs, offers Reset Token and Disconnect', async () => {
    integrationsApi(salesforceCardFixture('needs_reconnect'));
    renderApp('/admin/integrations');
    const sf = await card();
    const panel = within(sf).getByRole('region', { name: 'Salesforce must be reconnected' });
    expect(panel.textContent).toContain('token stopped working, so syncs are paused');
    expect(within(panel).getByText('integration.user@acme.example')).toBeTruthy();
    expect(within(sf).getByRole('button', { name: 'Reset Token' })).toBeTruthy();
    expect(within(sf).getByRole('button', { name: 'Disconnect' })).toBeTruthy();
    expect(within(sf).queryByRole('button', { name: 'Sync Settings' })).toBeNull();
    expect(within(sf).queryByText('Connected to Salesforce')).toBeNull();
  });
});

describe('Disconnect', () => {
  it('does nothing when the prompt is dismissed', async () => {
    const { fetchMock } = integrationsApi(salesforceCardFixture('connected'));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Disconnect' }));
    expect(confirm).toHaveBeenCalledWith('Are you sure you want to disconnect Salesforce?');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    expect(screen.getByRole('region', { name: 'Connected to Salesforce' })).toBeTruthy();
  });

  it('posts JSON, and the card returns to Set up when confirmed', async () => {
    const { fetchMock } = integrationsApi(salesforceCardFixture('connected'));
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByRole('button', { name: 'Set up' })).toBeTruthy();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[0]).toBe('/api/integrations/salesforce/disconnect');
    expect(new Headers(post?.[1]?.headers).get('Content-Type')).toBe('application/json');
    await expectNotice('Salesforce was disconnected.', 'success');
  });
});
