import { describe, expect, it } from 'vitest';
import { backoffMs } from './send-batch.ts';

describe('write-back backoff', () => {
  const policy = { baseBackoffMs: 1_000, maxBackoffMs: 60_000 };

  it('doubles per attempt, with jitter between half and all of it', () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const ceiling = 1_000 * 2 ** (attempt - 1);
      for (let i = 0; i < 50; i++) {
        const delay = backoffMs(attempt, policy);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('never waits longer than the cap', () => {
    expect(backoffMs(30, policy)).toBeLessThanOrEqual(60_000);
  });
});
