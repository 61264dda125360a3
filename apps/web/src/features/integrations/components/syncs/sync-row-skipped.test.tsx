import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';
import { syncFixture } from '../../../../test/salesforce-fixtures.ts';
import { syncsApi } from '../../../../test/syncs-api.ts';

afterEach(() => vi.unstubAllGlobals());

const skip = (recordId: string, reason: string) => ({
  recordId,
  reason,
  skippedAt: '2025-03-01T10:00:00.000Z',
});

describe('Sync Settings row: records skipped', () => {
  it('says how many records were skipped and lists each with its reason; nothing when none were', async () => {
    syncsApi([
      syncFixture({
        skipped: {
          count: 2,
          records: [
            skip('003A00000000001AAA', 'AccountId contains a NUL character or broken Unicode.'),
            skip('003A00000000002AAA', 'A value is too long for the local copy to store.'),
          ],
        },
      }),
      syncFixture({ object: 'Lead' }),
    ]);
    renderApp('/admin/integrations');
    const card = await screen.findByRole('article', { name: 'Salesforce' });
    await userEvent.click(within(card).getByRole('button', { name: 'Sync Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });

    const contact = await within(dialog).findByRole('region', { name: 'Contact' });
    await userEvent.click(within(contact).getByText('2 records skipped'));
    const items = within(contact)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items.filter((text) => text?.startsWith('003A'))).toEqual([
      expect.stringContaining('003A00000000001AAA: AccountId contains a NUL character or broken Unicode.'),
      expect.stringContaining('003A00000000002AAA: A value is too long for the local copy to store.'),
    ]);
    const lead = within(dialog).getByRole('region', { name: 'Lead' });
    expect(lead.textContent).not.toContain('skipped');
  });
});
