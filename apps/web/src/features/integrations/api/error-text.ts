import { isApiError } from '../../../lib/api-client.ts';

/** The user guide's words for an organization whose integrations feature is off. */
export const INTEGRATIONS_OFF =
  'Integrations were turned off for your organization, so Salesforce cannot be managed here. Contact Cloverhound support to have it enabled.';

/**
 * Every integrations endpoint sits behind the organization's feature flag, which answers a plain
 * 404 "No such endpoint." once the flag is turned off (it hides the feature from everyone else).
 * The page was open, so here that 404 can only mean the flag went off mid-session.
 */
export function isIntegrationsOff(error: unknown): boolean {
  return isApiError(error, 404) && error.code === 'not_found' && error.message === 'No such endpoint.';
}

/** What an admin reads for a failed integrations request. */
export const errorText = (error: Error): string =>
  isIntegrationsOff(error) ? INTEGRATIONS_OFF : error.message;
