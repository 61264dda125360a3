import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, ids, json, makeMe, mockApi, renderApp } from '../../../test/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

const flagUrl = `/api/support/organizations/${ids.otherOrg}/feature-flags/integrations`;

function supportApi(putResponse: () => Response | Promise<Response>) {
  let otherOrgOn = false;
  return mockApi({
    'GET /api/auth/me': () => json(200, makeMe('SUPPORT', ['integrations'])),
    'GET /api/support/organizations': () =>
      json(200, {
        organizations: [
          {
            id: ids.demoOrg,
            name: 'Demo Org',
            featureFlags: [{ key: 'integrations', enabled: true }],
            pausedSyncs: 0,
          },
          {
            id: ids.otherOrg,
            name: 'Other Org',
            featureFlags: [{ key: 'integrations', enabled: otherOrgOn }],
            pausedSyncs: otherOrgOn ? 0 : 2,
          },
        ],
      }),
    'GET /api/support/audit-events': () =>
      json(200, {
        events: otherOrgOn
          ? [
              {
                id: 'e1',
                organizationId: ids.otherOrg,
                organizationName: 'Other Org',
                actorEmail: 'support@demo.test',
                actorApiKey: null,
                action: 'feature_flag.updated',
                details: { key: 'integrations', from: false, to: true },
                createdAt: '2026-11-28T12:00:00.000Z',
              },
            ]
          : [],
      }),
    [`PUT ${flagUrl}`]: async () => {
      const response = await putResponse();
      if (response.ok) otherOrgOn = true;
      return response;
    },
  });
}

describe('Support page', () => {
  it('turns a flag on, then shows the change in Recent changes', async () => {
    const fetchMock = supportApi(() =>
      json(200, { organizationId: ids.otherOrg, key: 'integrations', enabled: true }),
    );
    renderApp('/admin/support');
    const toggle = await screen.findByRole('switch', { name: 'integrations for Other Org' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(await screen.findByText('No changes yet.')).toBeTruthy();
    // Why that organization's syncs do nothing: said plainly beside its name.
    expect(
      screen.getByText('Paused: integrations are turned off for this organization (2 syncs waiting).'),
    ).toBeTruthy();

    await userEvent.click(toggle);

    expect(toggle.getAttribute('aria-checked')).toBe('true');
    const log = await screen.findByRole('table', { name: 'Recent changes' });
    expect(await within(log).findByText('Turned integrations on')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(/^Paused: integrations are turned off/)).toBeNull());
    expect(within(log).getByText('support@demo.test')).toBeTruthy();
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(put?.[1]?.body).toBe(JSON.stringify({ enabled: true }));
  });

  it('puts the switch back and explains when the API refuses', async () => {
    supportApi(() => apiError(403, 'forbidden', 'Only support staff may change feature flags.'));
    renderApp('/admin/support');
    const toggle = await screen.findByRole('switch', { name: 'integrations for Other Org' });

    await userEvent.click(toggle);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Could not turn integrations on for Other Org: Only support staff may change feature flags.',
    );
    expect(toggle.getAttribute('aria-checked')).toBe('false');
  });

  it('announces its load and, after a failure, says what failed and loads it again on Try again', async () => {
    let answerRetry!: (response: Response) => void;
    const answers = [
      () => apiError(500, 'internal', 'The database is not answering.'),
      () => new Promise<Response>((resolve) => (answerRetry = resolve)),
    ];
    mockApi({
      'GET /api/auth/me': () => json(200, makeMe('SUPPORT', ['integrations'])),
      'GET /api/support/organizations': () => answers.shift()!(),
      'GET /api/support/audit-events': () => json(200, { events: [] }),
    });
    renderApp('/admin/support');
    const organizations = await screen.findByRole('region', { name: 'Organizations' });
    expect(within(organizations).getByRole('status').textContent).toBe('Loading organizations…');

    const alert = await within(organizations).findByRole('alert');
    expect(alert.textContent).toContain('Could not load organizations');
    expect(alert.textContent).toContain('The database is not answering.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(within(organizations).getByRole('status').textContent).toBe('Loading organizations…');
    expect(within(organizations).queryByRole('alert')).toBeNull();
    answerRetry(json(200, { organizations: [] }));
    expect(await within(organizations).findByText('There are no organizations yet.')).toBeTruthy();
  });
});
