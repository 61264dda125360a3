import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';
import { syncFixture } from '../../../../test/salesforce-fixtures.ts';
import { syncsApi } from '../../../../test/syncs-api.ts';
import { usedByText } from './sync-labels.ts';

afterEach(() => vi.unstubAllGlobals());

describe('Sync Settings row: campaign data sources using the object', () => {
  it('says how many data sources use the object, and nothing when none do', async () => {
    syncsApi([syncFixture({ dataSourceCount: 2 }), syncFixture({ object: 'Lead', dataSourceCount: 0 })]);
    renderApp('/admin/integrations');
    const card = await screen.findByRole('article', { name: 'Salesforce' });
    await userEvent.click(within(card).getByRole('button', { name: 'Sync Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });

    const contact = await within(dialog).findByRole('region', { name: 'Contact' });
    expect(within(contact).getByText('Used by 2 campaign data sources')).toBeTruthy();
    const lead = within(dialog).getByRole('region', { name: 'Lead' });
    expect(lead.textContent).not.toContain('Used by');
  });

  it('counts in the singular for one', () => {
    expect(usedByText(1)).toBe('Used by 1 campaign data source');
    expect(usedByText(1200)).toBe('Used by 1,200 campaign data sources');
    expect(usedByText(0)).toBeNull();
  });
});
