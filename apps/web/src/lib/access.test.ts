import type { Me } from '@ch/contracts';
import { describe, expect, it } from 'vitest';
import { canOpen, visibleAdminPages } from './access.ts';

const me = (role: Me['user']['role'], features: Me['features'] = []): Me => ({
  user: { id: '00000000-0000-4000-8000-000000000001', email: 'x@demo.test', name: 'X', role },
  organization: { id: '00000000-0000-4000-8000-000000000002', name: 'Demo Org' },
  features,
});

const labels = (m: Me) => visibleAdminPages(m).map((p) => p.label);

describe('visibleAdminPages', () => {
  it('gives an ADMIN Integrations, API Keys and OAuth Tokens only when the integrations flag is on', () => {
    expect(labels(me('ADMIN', ['integrations']))).toEqual(['Integrations', 'API Keys', 'OAuth Tokens']);
    expect(labels(me('ADMIN'))).toEqual([]);
    expect(canOpen(me('ADMIN'), 'oauth-tokens')).toBe(false);
  });

  it('gives SUPPORT only the Support page', () => {
    expect(labels(me('SUPPORT', ['integrations']))).toEqual(['Support']);
  });

  it('gives a MEMBER nothing, even with the flag on', () => {
    expect(labels(me('MEMBER', ['integrations']))).toEqual([]);
    expect(canOpen(me('MEMBER', ['integrations']), 'integrations')).toBe(false);
  });
});
