import type { AuditEvent } from '@ch/contracts';
import { describe, expect, it } from 'vitest';
import { auditActor, describeAuditEvent } from './describe-audit-event.ts';

const event = (action: string, details: Record<string, unknown>): AuditEvent => ({
  id: '1',
  organizationId: '00000000-0000-4000-8000-000000000002',
  organizationName: 'Other Org',
  actorEmail: 'support@demo.test',
  actorApiKey: null,
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

  it('describes every action the API records in words, never by its name or raw details', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'salesforce.connected',
        { username: 'a@b.c', instanceUrl: 'https://x.my.salesforce.com' },
        'Connected Salesforce as a@b.c (https://x.my.salesforce.com)',
      ],
      ['salesforce.token_reset', { username: 'a@b.c' }, 'Reset the Salesforce token as a@b.c'],
      ['salesforce.disconnected', { instanceUrl: 'https://x' }, 'Disconnected Salesforce (https://x)'],
      [
        'salesforce.reconnect_needed',
        {},
        'Salesforce stopped accepting the stored token: it must be reconnected',
      ],
      ['salesforce.sync_added', { object: 'Lead' }, 'Added the Lead sync'],
      [
        'salesforce.sync_changed',
        { object: 'Contact', method: 'REST', intervalMinutes: 10, enabled: true },
        'Changed the Contact sync: REST Polling every 10 minutes, on',
      ],
      [
        'salesforce.sync_changed',
        { object: 'Lead', method: 'CDC', intervalMinutes: null, enabled: false },
        'Changed the Lead sync: CDC (real-time), off',
      ],
      [
        'salesforce.sync_changed',
        { object: 'Lead', method: null, intervalMinutes: null, enabled: false },
        'Changed the Lead sync: no method, off',
      ],
      [
        'salesforce.sync_removed',
        { object: 'Lead', removedDataSources: 2 },
        'Removed the Lead sync and 2 campaign data sources',
      ],
      ['salesforce.sync_retried', { object: 'Contact' }, 'Retried the Contact sync after it stopped'],
      ['api_key.created', { name: 'Campaigns', scopes: [] }, 'Created the API key “Campaigns”'],
      ['api_key.revoked', { name: 'Campaigns' }, 'Revoked the API key “Campaigns”'],
      [
        'data_source.created',
        { object: 'Contact', campaignId: 'c-1', apiKeyId: 'k' },
        'Linked Contact as a data source of campaign c-1',
      ],
      ['data_source.deleted', { dataSourceId: 'd', apiKeyId: 'k' }, 'Removed a campaign data source'],
    ];
    for (const [action, details, sentence] of cases) {
      expect(describeAuditEvent(event(action, details))).toBe(sentence);
    }
  });

  it('names the actor: a person by email, a service client by its API key', () => {
    expect(auditActor(event('x', {}))).toBe('support@demo.test');
    expect(auditActor({ ...event('x', {}), actorEmail: null, actorApiKey: 'Campaigns' })).toBe(
      'API key “Campaigns”',
    );
    expect(auditActor({ ...event('x', {}), actorEmail: null })).toBe('Cloverhound Cloud');
  });

  it('still shows an action it does not know, with its details', () => {
    expect(describeAuditEvent(event('salesforce.teleported', { username: 'a@b.c', count: 2 }))).toBe(
      'salesforce.teleported (username: a@b.c, count: 2)',
    );
    expect(describeAuditEvent(event('user.login', {}))).toBe('user.login');
  });
});
