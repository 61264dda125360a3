import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';
import { syncFixture } from '../../../../test/salesforce-fixtures.ts';
import { syncsApi } from '../../../../test/syncs-api.ts';

afterEach(() => vi.unstubAllGlobals());

/** The text a checkbox's aria-describedby points at: API name, type, marks. */
const about = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

async function contactRow() {
  renderApp('/admin/integrations');
  const card = await screen.findByRole('article', { name: 'Salesforce' });
  await userEvent.click(within(card).getByRole('button', { name: 'Sync Settings' }));
  const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });
  return within(dialog).findByRole('region', { name: 'Contact' });
}

describe('Sync Settings row: Fields', () => {
  it("lists describe's fields, searchable, required ones included and locked; a choice is saved with the row's Save", async () => {
    const api = syncsApi([syncFixture({ method: 'REST', intervalMinutes: 15, fields: ['Title'] })]);
    const row = await contactRow();
    const fields = within(row).getByRole('button', { name: 'Fields' });
    expect(fields.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(fields);
    expect(fields.getAttribute('aria-expanded')).toBe('true');

    const email = await within(row).findByRole('checkbox', { name: 'Email' });
    expect((email as HTMLInputElement).checked).toBe(true);
    expect((email as HTMLInputElement).disabled).toBe(true);
    expect(about(email)).toMatch(/Always included/);
    expect((within(row).getByRole('checkbox', { name: 'Title' }) as HTMLInputElement).checked).toBe(true);

    await userEvent.type(within(row).getByRole('searchbox', { name: 'Search fields' }), 'langu');
    expect(within(row).queryByRole('checkbox', { name: 'Title' })).toBeNull();
    const language = within(row).getByRole('checkbox', { name: 'Preferred Language' });
    expect(about(language)).toMatch(/Preferred_Language__c.*picklist.*Custom/);
    // Keyboard: Space ticks the focused box.
    language.focus();
    await userEvent.keyboard(' ');
    expect((language as HTMLInputElement).checked).toBe(true);
    expect(within(row).getByText('Unsaved changes')).toBeTruthy();

    await userEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await within(row).findByText('Contact sync saved.');
    expect(api.requests('PATCH').at(-1)?.body).toEqual({
      method: 'REST',
      intervalMinutes: 15,
      enabled: false,
      fields: ['Title', 'Preferred_Language__c'],
    });
  });

  it('a save that does not touch the fields does not send them', async () => {
    const api = syncsApi([syncFixture({ method: 'REST', intervalMinutes: 15 })]);
    const row = await contactRow();
    await userEvent.click(within(row).getByRole('switch'));
    await userEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await within(row).findByText('Contact sync saved.');
    expect(api.requests('PATCH').at(-1)?.body).not.toHaveProperty('fields');
  });

  it('shows a field the sync removed in plain words until the admin says OK', async () => {
    const message = 'Best Time To Call is no longer readable in Salesforce and was removed from this sync';
    const api = syncsApi([syncFixture({ fieldWarnings: [{ field: 'Best_Time_To_Call__c', message }] })]);
    const row = await contactRow();
    expect(within(row).getByText(`${message}.`)).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: /^OK/ }));
    await vi.waitFor(() => expect(within(row).queryByText(`${message}.`)).toBeNull());
    expect(api.requests('DELETE').map((r) => r.url)).toEqual([
      '/api/integrations/salesforce/syncs/Contact/field-warnings',
    ]);
  });
});
