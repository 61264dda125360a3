import { describe, expect, it } from 'vitest';
import { lastRefreshed } from './tokens-table.tsx';

const created = '2026-11-30T10:00:00.000Z';

describe('OAuth Tokens: Last refreshed', () => {
  it('is Never for a token neither refreshed nor reset', () => {
    expect(
      lastRefreshed({ createdAt: created, issuedAt: '2026-11-30T10:00:01.000Z', refreshedAt: null }),
    ).toBeNull();
  });

  it('shows a Reset Token (a later grant) and the later of a reset and a refresh', () => {
    const reset = '2026-11-30T12:00:00.000Z';
    expect(lastRefreshed({ createdAt: created, issuedAt: reset, refreshedAt: null })).toBe(reset);
    expect(
      lastRefreshed({ createdAt: created, issuedAt: reset, refreshedAt: '2026-11-30T11:00:00.000Z' }),
    ).toBe(reset);
    const refresh = '2026-11-30T13:00:00.000Z';
    expect(lastRefreshed({ createdAt: created, issuedAt: reset, refreshedAt: refresh })).toBe(refresh);
  });
});
