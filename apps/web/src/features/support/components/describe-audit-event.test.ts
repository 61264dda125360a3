import type { AuditEvent } from '@ch/contracts';
import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from './describe-audit-event.ts';

const event = (action: string, details: Record<string, unknown>): AuditEvent => ({
  id: '1',
  organizationId: '00000000-0000-4000-8000-000000000002',
  organizationName: 'Other Org',
  actorEmail: 'support@demo.test',
  action,
  details,
  createdAt: '2026-11-28T12:00:00.000Z',
});

describe('describeAuditEvent', () => {
  it('reads a feature-flag change as a sentence', () => {
    expect(
      describeAuditEvent(event('feature_flag.updated', { key: 'integrations', from: false, to: true })),
    ).toBe('Turned integrations on');
    expect(
      describeAuditEvent(event('feature_flag.updated', { key: 'integrations', from: true, to: false })),
    ).toBe('Turned integrations off');
  });

  it('still shows an action it does not know, with its details', () => {
    expect(describeAuditEvent(event('salesforce.connected', { username: 'a@b.c', count: 2 }))).toBe(
      'salesforce.connected (username: a@b.c, count: 2)',
    );
    expect(describeAuditEvent(event('user.login', {}))).toBe('user.login');
  });
});
