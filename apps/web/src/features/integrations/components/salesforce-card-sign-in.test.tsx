import { oauthOutcomeMessages } from '@ch/contracts';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { card, expectNotice, integrationsApi } from '../../../test/integrations-api.ts';
import { renderApp } from '../../../test/render-app.tsx';
import { salesforceCardFixture } from '../../../test/salesforce-fixtures.ts';
import { pageNavigation } from '../hooks/page-navigation.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function fakePopup() {
  const popup = { closed: false, focus: vi.fn() };
  const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window);
  return { popup, open };
}

const postMessage = (data: unknown, origin = window.location.origin) =>
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin }));
  });

const startUrl = (url: unknown) => new URL(String(url), 'http://app.test');

describe('Set up and Reset Token', () => {
  it('opens the sign-in window at once, shows progress, and ignores foreign or malformed messages', async () => {
    const { state, fetchMock } = integrationsApi(salesforceCardFixture('not_connected'));
    const { open } = fakePopup();
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Set up' }));

    expect(open).toHaveBeenCalledTimes(1);
    const [url, name] = open.mock.calls[0]!;
    const started = startUrl(url);
    expect(started.pathname).toBe('/api/integrations/salesforce/oauth/start');
    expect(Object.fromEntries(started.searchParams)).toEqual({
      purpose: 'connect',
      loginHost: 'emulator',
      mode: 'popup',
    });
    expect(name).toBe('salesforce-oauth');
    expect(screen.getByText('Waiting for Salesforce sign-in…')).toBeTruthy();

    state.card = salesforceCardFixture('connected');
    const connected = { type: 'cloverhound:salesforce-oauth', outcome: 'connected' };
    postMessage(connected, 'https://evil.example');
    postMessage({ type: 'something-else', outcome: 'connected' });
    postMessage({ type: 'cloverhound:salesforce-oauth', outcome: 'pwned' });
    postMessage('connected');
    expect(screen.getByText('Waiting for Salesforce sign-in…')).toBeTruthy();
    const integrationCalls = () => fetchMock.mock.calls.filter(([u]) => u === '/api/integrations').length;
    expect(integrationCalls()).toBe(1);

    postMessage(connected);
    // Announced, not shown twice: the panel of the same name appears and takes focus.
    expect((await screen.findByText(oauthOutcomeMessages.connected)).getAttribute('role')).toBe('status');
    const heading = await screen.findByRole('heading', { name: 'Connected to Salesforce' });
    await vi.waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.queryByText('Waiting for Salesforce sign-in…')).toBeNull();
  });

  it('shows a refusal such as different_org as an error', async () => {
    integrationsApi(salesforceCardFixture('connected'));
    const { open } = fakePopup();
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Reset Token' }));
    expect(startUrl(open.mock.calls[0]![0]).searchParams.get('purpose')).toBe('reset');
    postMessage({ type: 'cloverhound:salesforce-oauth', outcome: 'different_org' });
    await expectNotice(oauthOutcomeMessages.different_org, 'error');
  });

  it('after an org switch, says plainly which objects are being reloaded', async () => {
    integrationsApi(salesforceCardFixture('not_connected'));
    fakePopup();
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Set up' }));
    postMessage({
      type: 'cloverhound:salesforce-oauth',
      outcome: 'org_switched',
      reloaded: ['Contact', 'Lead'],
    });
    await expectNotice(
      'Connected to a different Salesforce org: the local copy of Contact and Lead is being reloaded.',
      'success',
    );
  });

  it('reads the reloaded objects from a redirect too', async () => {
    integrationsApi(salesforceCardFixture('connected'));
    const { router } = renderApp('/admin/integrations?salesforce=org_switched&reloaded=Lead');
    await expectNotice(
      'Connected to a different Salesforce org: the local copy of Lead is being reloaded.',
      'success',
    );
    expect(router.state.location.search).toBe('');
  });

  it('says nothing changed when the window closes without an answer', async () => {
    integrationsApi(salesforceCardFixture('not_connected'));
    const { popup } = fakePopup();
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Set up' }));
    popup.closed = true;
    await expectNotice(
      'The Salesforce window was closed before sign-in finished. Nothing was changed.',
      'error',
      3000,
    );
    expect(screen.queryByText('Waiting for Salesforce sign-in…')).toBeNull();
  });

  it('falls back to a full-page redirect when the popup is blocked', async () => {
    integrationsApi(salesforceCardFixture('not_connected'));
    vi.spyOn(window, 'open').mockReturnValue(null);
    const assign = vi.spyOn(pageNavigation, 'assign').mockImplementation(() => {});
    renderApp('/admin/integrations');
    await userEvent.click(within(await card()).getByRole('button', { name: 'Set up' }));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(startUrl(assign.mock.calls[0]![0]).searchParams)).toEqual({
      purpose: 'connect',
      loginHost: 'emulator',
      mode: 'redirect',
    });
  });

  it('shows the outcome a redirect brought back, then removes it from the URL', async () => {
    integrationsApi(salesforceCardFixture('connected'));
    const { router } = renderApp('/admin/integrations?salesforce=reset');
    await expectNotice(oauthOutcomeMessages.reset, 'success');
    expect(router.state.location.search).toBe('');
    expect(router.state.location.pathname).toBe('/admin/integrations');
  });

  it('validates a Custom My Domain before opening anything', async () => {
    integrationsApi(salesforceCardFixture('not_connected'));
    const { open } = fakePopup();
    renderApp('/admin/integrations');
    const sf = await card();
    await userEvent.selectOptions(within(sf).getByRole('combobox', { name: 'Salesforce login' }), 'custom');
    const url = within(sf).getByRole('textbox', { name: 'My Domain URL' });
    await userEvent.type(url, 'http://acme.example.com');
    await userEvent.click(within(sf).getByRole('button', { name: 'Set up' }));
    expect(open).not.toHaveBeenCalled();
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(url.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(sf).getByText(/Enter an https URL ending in salesforce.com/)).toBeTruthy();
    expect(document.activeElement).toBe(url);

    await userEvent.clear(url);
    await userEvent.type(url, 'https://acme.my.salesforce.com');
    expect(within(sf).queryByText(/Enter an https URL/)).toBeNull();
    await userEvent.click(within(sf).getByRole('button', { name: 'Set up' }));
    expect(startUrl(open.mock.calls[0]![0]).searchParams.get('loginHost')).toBe(
      'https://acme.my.salesforce.com',
    );
  });
});
