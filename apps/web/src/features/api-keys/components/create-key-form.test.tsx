import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiKeysApi, NEW_KEY } from '../../../test/api-keys-api.ts';
import { json, renderApp } from '../../../test/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

const form = () => screen.findByRole('form', { name: 'Create key' });
const nameInput = (f: HTMLElement) => within(f).getByRole('textbox', { name: 'Name' });
/** The element an invalid control's aria-describedby points at with its message. */
const describedBy = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');

describe('Create key: validation', () => {
  it('checks name and scopes with the contract before sending anything', async () => {
    const { requests } = apiKeysApi([]);
    renderApp('/admin/api-keys');
    const f = await form();
    expect(nameInput(f).getAttribute('maxlength')).toBe('100');
    await userEvent.type(nameInput(f), '   ');
    await userEvent.click(within(f).getByRole('button', { name: 'Create key' }));

    expect(nameInput(f).getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(nameInput(f))).toContain('Name the key');
    const scopes = within(f).getByRole('group', { name: 'Scopes' });
    expect(scopes.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(scopes)).toContain('Choose at least one scope');
    expect(requests('POST')).toEqual([]);

    // Fixing a field clears its message.
    await userEvent.click(within(f).getByRole('checkbox', { name: 'data-sources:read' }));
    expect(within(f).queryByText('Choose at least one scope')).toBeNull();
    expect(within(f).getByText('Name the key')).toBeTruthy();
  });

  it('shows the API’s 400 issues beside their fields', async () => {
    const api = apiKeysApi([]);
    api.setHandler('POST /api/api-keys', () =>
      json(400, {
        error: {
          code: 'bad_request',
          message: 'The request is invalid',
          issues: [
            { path: 'name', message: 'A key with this name exists' },
            { path: 'scopes.0', message: 'Unknown scope' },
          ],
        },
      }),
    );
    renderApp('/admin/api-keys');
    const f = await form();
    await userEvent.type(nameInput(f), 'Dialler');
    await userEvent.click(within(f).getByRole('checkbox', { name: 'data-sources:write' }));
    await userEvent.click(within(f).getByRole('button', { name: 'Create key' }));

    await vi.waitFor(() => expect(describedBy(nameInput(f))).toContain('A key with this name exists'));
    expect(describedBy(within(f).getByRole('group', { name: 'Scopes' }))).toContain('Unknown scope');
    expect(screen.queryByRole('status', { name: /created/ })).toBeNull();
  });
});

describe('Create key: the key is shown once', () => {
  it('creates with the chosen scopes, shows the key in a panel until Done, and never caches it', async () => {
    const user = userEvent.setup();
    const { requests } = apiKeysApi([]);
    const { queryClient } = renderApp('/admin/api-keys');
    const f = await form();
    await user.type(nameInput(f), '  Campaign module ');
    await user.click(within(f).getByRole('checkbox', { name: 'call-activities:write' }));
    await user.click(within(f).getByRole('checkbox', { name: 'data-sources:read' }));
    await user.click(within(f).getByRole('button', { name: 'Create key' }));

    const panel = await screen.findByRole('status', { name: 'Key “Campaign module” created' });
    expect(requests('POST')).toEqual([
      {
        url: '/api/api-keys',
        body: { name: 'Campaign module', scopes: ['data-sources:read', 'call-activities:write'] },
      },
    ]);
    expect(panel.textContent).toContain('Copy this key now: it will not be shown again.');
    const field = within(panel).getByRole('textbox', { name: 'API key' }) as HTMLInputElement;
    expect(field.value).toBe(NEW_KEY);
    expect(field.readOnly).toBe(true);
    expect(document.activeElement).toBe(field);

    await user.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(NEW_KEY);
    expect(within(panel).getByText('Copied to the clipboard.')).toBeTruthy();

    // The form is ready for another key, and the list shows the new one by its prefix only.
    expect(nameInput(f)).toHaveProperty('value', '');
    const table = await screen.findByRole('table', { name: 'Keys' });
    expect(within(table).getByText(`${NEW_KEY.slice(0, 17)}…`)).toBeTruthy();
    expect(table.textContent).not.toContain(NEW_KEY);
    const cached = JSON.stringify([
      queryClient
        .getQueryCache()
        .getAll()
        .map((q) => q.state.data),
      queryClient
        .getMutationCache()
        .getAll()
        .map((m) => m.state.data),
    ]);
    expect(cached).not.toContain(NEW_KEY);

    await user.click(within(panel).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('status', { name: /created/ })).toBeNull();
    expect(document.body.innerHTML).not.toContain(NEW_KEY);
    expect(screen.queryByDisplayValue(NEW_KEY)).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Keys' }));
    expect(requests('POST')).toHaveLength(1);
  });
});
