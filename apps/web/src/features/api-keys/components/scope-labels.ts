import { type ApiKeyScope, apiKeyScopes } from '@ch/contracts';

/** What each scope lets a client do on /api/v1, in the words of the API reference. */
export const SCOPE_DESCRIPTION: Record<ApiKeyScope, string> = {
  'data-sources:read': 'List synced objects, and read data sources, their records and changes.',
  'data-sources:write': 'Link synced objects to campaigns as data sources, and unlink them.',
  'call-activities:write': 'Log calls as Salesforce Tasks and check whether they were logged.',
};

export const SCOPES: readonly ApiKeyScope[] = apiKeyScopes;

/** The stored prefix is only the start of the key; the ellipsis says so. */
export const displayKey = (prefix: string) => `${prefix}…`;

export const revokePrompt = (name: string) =>
  `Revoke the key “${name}”? Clients using it stop working at once.`;
