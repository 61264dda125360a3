import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, makeMe, mockApi, renderApp } from '../../../test/render-app.tsx';
import { salesforceCardFixture } from '../../../test/salesforce-fixtures.ts';

afterEach(() => vi.unstubAllGlobals());

describe('Integrations page', () => {
  it('shows the Webex note and explains a failed load', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
      'GET /api/integrations': () => apiError(500, 'internal', 'Something broke on our side.'),
    });
    renderApp('/admin/integrations');
    expect(await screen.findByText(/They live on the Settings page, under the Webex tab/)).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('Something broke on our side.');
  });

  it('says before Set up that a Salesforce org another organization uses can be connected too', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
      'GET /api/integrations': () => json(200, { integrations: [salesforceCardFixture('not_connected')] }),
      'GET /api/oauth-tokens': () => json(200, { tokens: [] }),
    });
    renderApp('/admin/integrations');
    const setUp = await screen.findByRole('button', { name: 'Set up' });
    expect(setUp.getAttribute('aria-describedby')).toBeTruthy();
    const hint = document.getElementById(setUp.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toContain('another Cloverhound Cloud organization also uses');
    expect(hint?.textContent).toContain('logs its own call Tasks');
  });

  it('refuses a response that breaks the contract instead of rendering it', async () => {
    mockApi({
      'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
      'GET /api/integrations': () => json(200, { integrations: [{ provider: 'hubspot' }] }),
    });
    renderApp('/admin/integrations');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The server sent an unexpected response.',
    );
  });
});
