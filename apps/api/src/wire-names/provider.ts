/**
 * The provider key an organization's Salesforce OAuth token and state rows are stored under
 * (OAuthToken.provider, OAuthState.provider), and the Integrations card's `provider`.
 */
export const SALESFORCE_PROVIDER = 'salesforce';
