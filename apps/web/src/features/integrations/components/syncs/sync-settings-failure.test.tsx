import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it, vi } from 'vitest';
import { json, makeMe, mockApi, renderApp } from '../../../../test/render-app.tsx';
import { salesforceCardFixture } from '../../../../test/salesforce-fixtures.ts';
import { LIVE_POLL_MS } from '../../api/list-syncs.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const SYNCS = 'GET /api/integrations/salesforce/syncs';

it('keeps a failed load of the syncs on screen instead of polling it back to "Loading…"', async () => {
  const fetchMock = mockApi({
    'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
    'GET /api/integrations': () => json(200, { integrations: [salesforceCardFixture('connected')] }),
    [SYNCS]: () => json(503, { error: { code: 'unavailable', message: 'The service is busy.' } }),
  });
  const syncLoads = () =>
    fetchMock.mock.calls.filter(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}` === SYNCS).length;
  renderApp('/admin/integrations');
  const card = await screen.findByRole('article', { name: 'Salesforce' });
  await userEvent.click(within(card).getByRole('button', { name: 'Sync Settings' }));
  const dialog = screen.getByRole('dialog', { name: 'Sync Settings' });
  await within(dialog).findByText('Could not load the syncs');

  const loads = syncLoads();
  // The open modal polls every LIVE_POLL_MS while the syncs load; a failure stops that.
  await new Promise((resolve) => setTimeout(resolve, LIVE_POLL_MS + 600));
  expect(syncLoads()).toBe(loads);
  expect(within(dialog).getByText('Could not load the syncs')).toBeTruthy();
  expect(within(dialog).queryByText('Loading syncs…')).toBeNull();
  expect(within(dialog).getByRole('button', { name: 'Try again' })).toBeTruthy();
});
