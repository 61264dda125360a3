import type { SalesforceCard } from '@ch/contracts';
import { screen } from '@testing-library/react';
import { expect } from 'vitest';
import { json, makeMe, mockApi } from './render-app.tsx';
import { salesforceCardFixture } from './salesforce-fixtures.ts';

/** The API as the card sees it; `state.card` changes when a test "connects" or "disconnects". */
export function integrationsApi(initial: SalesforceCard) {
  const state = { card: initial };
  const fetchMock = mockApi({
    'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
    'GET /api/integrations': () => json(200, { integrations: [state.card] }),
    'GET /api/oauth-tokens': () => json(200, { tokens: [] }),
    'GET /api/integrations/salesforce/syncs': () => json(200, { syncs: [] }),
    'POST /api/integrations/salesforce/disconnect': () => {
      state.card = salesforceCardFixture('not_connected');
      return new Response(null, { status: 204 });
    },
  });
  return { state, fetchMock };
}

export const card = async () => screen.findByRole('article', { name: 'Salesforce' });

/** The card's notice: success is announced politely (status), errors at once (alert). */
export async function expectNotice(message: string, tone: 'success' | 'error', timeout = 1000) {
  const text = await screen.findByText(message, {}, { timeout });
  const alert = text.closest('.alert');
  expect(alert?.classList.contains(`alert-${tone}`)).toBe(true);
  expect(alert?.getAttribute('role')).toBe(tone === 'success' ? 'status' : 'alert');
}
