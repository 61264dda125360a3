import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';
import { syncFixture } from '../../../../test/salesforce-fixtures.ts';
import { syncsApi } from '../../../../test/syncs-api.ts';

afterEach(() => vi.unstubAllGlobals());

async function openRows() {
  const card = await screen.findByRole('article', { name: 'Salesforce' });
  await userEvent.click(within(card).getByRole('button', { name: 'Sync Settings' }));
  const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });
  await within(dialog).findByRole('region', { name: 'Contact' });
  return { card, dialog, row: (object: string) => within(dialog).getByRole('region', { name: object }) };
}

const failedRun = {
  kind: 'incremental' as const,
  outcome: 'failed' as const,
  startedAt: '2025-03-01T10:00:00.000Z',
  finishedAt: '2025-03-01T10:00:05.000Z',
  upserted: 0,
  deleted: 0,
  apiCalls: 1,
  error: 'transient: 503 Service Unavailable',
};

describe('sync health', () => {
  it('offers Retry only for an Error sync, shows its last error, and Retry brings it back', async () => {
    const { requests } = syncsApi([
      syncFixture({
        method: 'REST',
        intervalMinutes: 5,
        enabled: true,
        status: 'error',
        lastError: 'transient: 503 Service Unavailable',
        recentRuns: [failedRun],
      }),
      syncFixture({ object: 'Lead', method: 'CDC', enabled: true, status: 'active' }),
    ]);
    renderApp('/admin/integrations');
    const { card, row } = await openRows();
    expect(within(row('Lead')).queryByRole('button', { name: 'Retry' })).toBeNull();
    const contact = row('Contact');
    expect(within(contact).getByText('Error')).toBeTruthy();
    // In plain words, with Salesforce's own message kept under Details.
    const alert = within(contact).getByRole('alert');
    expect(alert.textContent).toContain(
      'Last error: Salesforce could not be reached or had a temporary problem.',
    );
    expect(within(alert).getByText('Details from Salesforce')).toBeTruthy();
    expect(alert.querySelector('details code')?.textContent).toBe('503 Service Unavailable');
    const runs = within(contact).getByRole('list', { name: 'Recent runs' });
    expect(within(runs).getByRole('listitem').textContent).toContain('Changes failed');
    const summary = within(card).getByRole('region', { name: 'Sync status' });
    expect(summary.textContent).toContain('Last error: Salesforce could not be reached');
    expect(summary.textContent).not.toContain('transient:');

    await userEvent.click(within(contact).getByRole('button', { name: 'Retry' }));
    expect(requests('POST').map((r) => r.url)).toEqual(['/api/integrations/salesforce/syncs/Contact/retry']);
    await vi.waitFor(() => expect(within(contact).queryByRole('button', { name: 'Retry' })).toBeNull());
    expect(within(contact).getByText('active')).toBeTruthy();
  });

  it('shows the first load as a progress bar, and the record count and last sync when known', async () => {
    syncsApi([
      syncFixture({
        method: 'REST',
        intervalMinutes: 5,
        enabled: true,
        progress: { done: 1200, total: 2500, preparing: false },
      }),
      syncFixture({ object: 'Lead', recordCount: 120, lastSuccessAt: '2025-03-01T10:00:00.000Z' }),
    ]);
    renderApp('/admin/integrations');
    const { card, row } = await openRows();
    const bar = within(row('Contact')).getByRole('progressbar', { name: 'First load' });
    expect(bar.getAttribute('aria-valuenow')).toBe('1200');
    expect(bar.getAttribute('aria-valuemax')).toBe('2500');
    expect(row('Contact').textContent).toContain('1,200 of 2,500 records');
    expect(row('Lead').textContent).toContain('120 records');
    expect(row('Lead').textContent).toContain('Last successful sync');
    const summary = within(card).getByRole('region', { name: 'Sync status' });
    expect(summary.textContent).toContain('120 records');
    expect(summary.textContent).toContain('—');
  });

  it('says Salesforce is preparing the records while a Bulk API job gathers them', async () => {
    syncsApi([
      syncFixture({
        method: 'REST',
        intervalMinutes: 5,
        enabled: true,
        progress: { done: 40_000, total: 120_000, preparing: true },
      }),
    ]);
    renderApp('/admin/integrations');
    const { row } = await openRows();
    const bar = within(row('Contact')).getByRole('progressbar', { name: 'First load' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40000');
    expect(bar.getAttribute('aria-valuetext')).toBe('Salesforce is preparing 40,000 of 120,000 records');
    expect(row('Contact').textContent).toContain('Salesforce is preparing 40,000 of 120,000 records');
  });
});
