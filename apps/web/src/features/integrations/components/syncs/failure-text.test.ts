import { describe, expect, it } from 'vitest';
import { describeFailure } from './failure-text.ts';

describe('describeFailure', () => {
  it('turns each Salesforce error kind into a sentence, keeping Salesforce’s message as the detail', () => {
    const kinds = [
      'auth_expired',
      'auth_revoked',
      'rate_limited',
      'not_found',
      'invalid_query',
      'transient',
      'cdc_unavailable',
      'invalid_replay',
      'unknown',
    ];
    for (const kind of kinds) {
      const { sentence, detail } = describeFailure(`${kind}: SOME_CODE: what Salesforce said`);
      expect(sentence).not.toContain(kind);
      expect(sentence).not.toContain('SOME_CODE');
      expect(sentence).toMatch(/^[A-Z].*\.$/);
      expect(detail).toBe('SOME_CODE: what Salesforce said');
    }
    expect(describeFailure('cdc_unavailable: Contact change events: 403::Forbidden').sentence).toContain(
      'REST Polling',
    );
  });

  it('leaves our own messages, and unknown prefixes, as they are', () => {
    expect(describeFailure('The worker running it stopped before it finished.')).toEqual({
      sentence: 'The worker running it stopped before it finished.',
      detail: null,
    });
    expect(describeFailure('teleport_failed: beam me up')).toEqual({
      sentence: 'teleport_failed: beam me up',
      detail: null,
    });
  });
});
