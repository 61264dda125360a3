/**
 * Every TanStack Query key of the SPA, in one place: a change in one feature often refreshes
 * another's data (connecting Salesforce changes the OAuth Tokens page; a feature flag changes the
 * signed-in user), and importing the keys from here keeps features from importing each other.
 * Keys are hierarchical, so invalidating a root (`all`) refreshes everything beneath it.
 */
const apiKeys = ['api-keys'] as const;
const integrations = ['integrations'] as const;
// Under the integrations root, so connect and disconnect (which pause or resume syncs) refresh them.
const syncs = [...integrations, 'salesforce', 'syncs'] as const;
const oauthTokens = ['oauth-tokens'] as const;
const support = ['support'] as const;

export const queryKeys = {
  /** The signed-in user: a 401 anywhere sets it to null, which sends the guard to the login page. */
  me: ['auth', 'me'] as const,
  apiKeys: { all: apiKeys, list: () => [...apiKeys, 'list'] as const },
  integrations: { all: integrations, list: () => [...integrations, 'list'] as const },
  syncs: {
    all: syncs,
    list: () => [...syncs, 'list'] as const,
    /** The session's Test results, which no request fetches: test-sync.ts writes them. */
    tests: () => [...syncs, 'tests'] as const,
    test: (object: string) => [...syncs, 'tests', object] as const,
    /** An object's readable fields from the org's describe, for the Fields control. */
    fields: (object: string) => [...syncs, 'fields', object] as const,
  },
  oauthTokens: { all: oauthTokens, list: () => [...oauthTokens, 'list'] as const },
  support: {
    all: support,
    organizations: () => [...support, 'organizations'] as const,
    auditEvents: () => [...support, 'audit-events'] as const,
  },
};
