import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';
import { syncFixture } from '../../../../test/salesforce-fixtures.ts';
import { syncsApi } from '../../../../test/syncs-api.ts';

afterEach(() => vi.unstubAllGlobals());

async function openModal() {
  const card = await screen.findByRole('article', { name: 'Salesforce' });
  const opener = within(card).getByRole('button', { name: 'Sync Settings' });
  await userEvent.click(opener);
  const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });
  // Wait for the rows, so every control Tab can reach is there.
  await within(dialog).findByRole('region', { name: 'Contact' });
  return { opener, dialog };
}

describe('Sync Settings keyboard behaviour', () => {
  it('moves focus inside on open, and Tab and Shift+Tab never leave the modal', async () => {
    syncsApi([syncFixture({ method: 'REST', intervalMinutes: 15 })]);
    renderApp('/admin/integrations');
    const { dialog } = await openModal();
    expect(dialog.contains(document.activeElement)).toBe(true);

    const forward: Element[] = [];
    for (let i = 0; i < 20; i += 1) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
      forward.push(document.activeElement as Element);
    }
    // It wrapped: the first stop came round again, and Close (the last stop) was reached.
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(forward).toContain(close);
    expect(forward.filter((el) => el === forward[0]).length).toBeGreaterThan(1);

    for (let i = 0; i < 20; i += 1) {
      await userEvent.tab({ shift: true });
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    // Forty simulated key presses: on a busy machine this outlasts the default 5 s.
  }, 20_000);

  it('Shift+Tab from the first control goes to Close, Tab from Close to the first control', async () => {
    syncsApi([syncFixture()]);
    renderApp('/admin/integrations');
    const { dialog } = await openModal();
    await userEvent.tab();
    const first = document.activeElement;
    expect(first).toBe(within(dialog).getByRole('button', { name: 'Lead' }));
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    await userEvent.tab();
    expect(document.activeElement).toBe(first);
  });

  it('Escape closes it and focus returns to the Sync Settings button', async () => {
    syncsApi([syncFixture()]);
    renderApp('/admin/integrations');
    const { opener } = await openModal();
    await userEvent.tab();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('Close closes it and focus returns to the Sync Settings button', async () => {
    syncsApi([syncFixture()]);
    renderApp('/admin/integrations');
    const { opener, dialog } = await openModal();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
