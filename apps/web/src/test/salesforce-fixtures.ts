import type { OAuthTokenView, ObjectSyncView, SalesforceCard, SyncFieldView } from '@ch/contracts';

/** A Salesforce card as GET /api/integrations sends it, in the state a test needs. */
export function salesforceCardFixture(
  status: SalesforceCard['status'] = 'not_connected',
  overrides: Partial<SalesforceCard> = {},
): SalesforceCard {
  return {
    provider: 'salesforce',
    name: 'Salesforce',
    description: 'Connects Cloverhound Cloud to your Salesforce org.',
    status,
    connection:
      status === 'not_connected'
        ? null
        : { instanceUrl: 'https://acme.my.salesforce.com', username: 'integration.user@acme.example' },
    loginHosts: [
      { id: 'emulator', label: 'Salesforce emulator (local)', url: 'http://localhost:4010' },
      { id: 'production', label: 'Production', url: 'https://login.salesforce.com' },
      { id: 'sandbox', label: 'Sandbox', url: 'https://test.salesforce.com' },
      { id: 'custom', label: 'Custom My Domain', url: '' },
    ],
    defaultLoginHost: 'emulator',
    ...overrides,
  };
}

export function oauthTokenFixture(overrides: Partial<OAuthTokenView> = {}): OAuthTokenView {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    provider: 'salesforce',
    account: { username: 'integration.user@acme.example', instanceUrl: 'https://acme.my.salesforce.com' },
    scopes: ['api', 'refresh_token'],
    status: 'active',
    createdAt: '2025-03-01T10:00:00.000Z',
    issuedAt: '2025-03-01T10:00:00.000Z',
    refreshedAt: null,
    authorizedBy: 'admin@demo.test',
    ...overrides,
  };
}

/** A sync as the syncs endpoints send it: just added (disabled, no method) unless overridden. */
export function syncFixture(overrides: Partial<ObjectSyncView> = {}): ObjectSyncView {
  return {
    object: 'Contact',
    method: null,
    intervalMinutes: null,
    enabled: false,
    status: 'active',
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: null,
    recordCount: null,
    dataSourceCount: 0,
    progress: null,
    recentRuns: [],
    skipped: { count: 0, records: [] },
    fields: ['Title', 'AccountId', 'OwnerId', 'MailingCity', 'MailingCountry', 'HasOptedOutOfEmail'],
    fieldWarnings: [],
    updatedAt: '2025-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A Contact describe as GET .../syncs/Contact/fields answers it, `chosen` marked selected. */
export function describedFieldsFixture(chosen: readonly string[]): SyncFieldView[] {
  const field = (name: string, label: string, type: string, required = false) => ({
    name,
    label,
    type,
    custom: name.endsWith('__c'),
    required,
    selected: required || chosen.includes(name),
  });
  return [
    field('Id', 'Contact ID', 'id', true),
    field('Email', 'Email', 'email', true),
    field('LastName', 'Last Name', 'string', true),
    field('Best_Time_To_Call__c', 'Best Time To Call', 'string'),
    field('MailingCountry', 'Mailing Country', 'string'),
    field('Preferred_Language__c', 'Preferred Language', 'picklist'),
    field('Title', 'Title', 'string'),
  ];
}
