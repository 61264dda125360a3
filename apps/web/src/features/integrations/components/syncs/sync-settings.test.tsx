import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';
import { syncFixture } from '../../../../test/salesforce-fixtures.ts';
import { syncsApi } from '../../../../test/syncs-api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function openModal() {
  const card = await screen.findByRole('article', { name: 'Salesforce' });
  await userEvent.click(within(card).getByRole('button', { name: 'Sync Settings' }));
  return { card, dialog: screen.getByRole('dialog', { name: 'Sync Settings' }) };
}

const summaryLine = (card: HTMLElement, object: string) =>
  within(within(card).getByRole('region', { name: 'Sync status' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.startsWith(object)) as HTMLElement;

describe('Sync Settings: add, choose, enable, save', () => {
  it('adds Contact disabled, then saves REST Polling every 15 minutes, switched on', async () => {
    const { requests } = syncsApi([]);
    renderApp('/admin/integrations');
    const { card, dialog } = await openModal();
    const add = await within(dialog).findByRole('group', { name: 'Add an object' });
    await userEvent.click(within(add).getByRole('button', { name: 'Contact' }));
    expect(requests('POST')[0]).toEqual({
      url: '/api/integrations/salesforce/syncs',
      body: { object: 'Contact' },
    });

    const row = await within(dialog).findByRole('region', { name: 'Contact' });
    expect(document.activeElement).toBe(row);
    expect(within(add).queryByRole('button', { name: 'Contact' })).toBeNull();
    const enabled = within(row).getByRole('switch', { name: 'Enabled: Contact' });
    expect(enabled.getAttribute('aria-checked')).toBe('false');
    const save = within(row).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(summaryLine(card, 'Contact').textContent).toContain('Off');

    await userEvent.click(within(row).getByRole('radio', { name: 'REST Polling' }));
    expect(within(row).getByText('Unsaved changes')).toBeTruthy();
    await userEvent.selectOptions(within(row).getByRole('combobox', { name: 'Interval' }), '15 minutes');
    await userEvent.click(enabled);
    await userEvent.click(save);

    expect(requests('PATCH')).toEqual([
      {
        url: '/api/integrations/salesforce/syncs/Contact',
        body: { method: 'REST', intervalMinutes: 15, enabled: true },
      },
    ]);
    await vi.waitFor(() => expect(within(row).queryByText('Unsaved changes')).toBeNull());
    expect(save.disabled).toBe(true);
    expect(enabled.getAttribute('aria-checked')).toBe('true');
    const line = summaryLine(card, 'Contact').textContent;
    for (const text of ['active', 'REST', 'On']) expect(line).toContain(text);
  });

  it('shows a refused field beside the row, naming it', async () => {
    syncsApi([syncFixture()]);
    renderApp('/admin/integrations');
    const { dialog } = await openModal();
    const row = await within(dialog).findByRole('region', { name: 'Contact' });
    await userEvent.click(within(row).getByRole('switch', { name: 'Enabled: Contact' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Save' }));

    // The field's message once, under the field; the alert names the field to fix.
    const alert = await within(row).findByRole('alert');
    expect(alert.textContent).toContain('Could not save the Contact sync');
    expect(alert.textContent).toContain('Fix the field marked above: Enabled.');
    expect(within(row).getAllByText('Choose a sync method before enabling the sync')).toHaveLength(1);
    expect(within(row).getByRole('switch', { name: 'Enabled: Contact' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    // The edit is kept, so the admin can fix it rather than start again.
    expect(within(row).getByText('Unsaved changes')).toBeTruthy();

    await userEvent.click(within(row).getByRole('radio', { name: 'REST Polling' }));
    await userEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(within(row).getByRole('alert').textContent).toContain('Fix the field marked above: Interval.'),
    );
    expect(within(row).getAllByText('Choose an interval for REST Polling')).toHaveLength(1);
    expect(within(row).getByRole('combobox', { name: 'Interval' }).getAttribute('aria-invalid')).toBe('true');
  });

  it('Test shows its result in a browser alert', async () => {
    const { state } = syncsApi([syncFixture({ method: 'REST', intervalMinutes: 5 })]);
    state.testResult = {
      ok: true,
      message: 'Salesforce is reachable and Contact can be read (250 records).',
    };
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
    renderApp('/admin/integrations');
    const { dialog } = await openModal();
    const row = await within(dialog).findByRole('region', { name: 'Contact' });
    await userEvent.click(within(row).getByRole('button', { name: 'Test' }));
    await vi.waitFor(() => expect(alert).toHaveBeenCalledWith(state.testResult.message));
  });
});

describe('Sync Settings: remove', () => {
  it('asks with the number of data sources that go too, and removes only on yes', async () => {
    const { requests } = syncsApi([syncFixture({ dataSourceCount: 2 }), syncFixture({ object: 'Lead' })]);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderApp('/admin/integrations');
    const { dialog } = await openModal();
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Remove Contact sync' }));
    expect(confirm).toHaveBeenLastCalledWith(
      'Remove the Contact sync? 2 campaign data sources that use it will be removed too.',
    );
    expect(requests('DELETE')).toEqual([]);

    confirm.mockReturnValue(true);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove Lead sync' }));
    expect(confirm).toHaveBeenLastCalledWith('Remove the Lead sync?');
    await vi.waitFor(() => expect(within(dialog).queryByRole('region', { name: 'Lead' })).toBeNull());
    expect(requests('DELETE').map((r) => r.url)).toEqual(['/api/integrations/salesforce/syncs/Lead']);
    // Focus moves to the outcome, inside the modal, rather than falling to the page.
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Lead sync removed.'));
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement?.getAttribute('role')).toBe('status');
    expect(within(dialog).getByRole('button', { name: 'Lead' })).toBeTruthy();
  });
});
