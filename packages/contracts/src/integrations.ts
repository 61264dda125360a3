import { z } from 'zod';
import { type SyncObject, syncObject } from './syncs.ts';
import { storable, text } from './text.ts';

export const loginHostOption = z.object({ id: z.string(), label: z.string(), url: z.string() });
export type LoginHostOption = z.infer<typeof loginHostOption>;

/**
 * The Salesforce card's state. `needs_reconnect`: a token is stored but Salesforce refused to
 * refresh it; Reset Token fixes it.
 */
export const salesforceCard = z.object({
  provider: z.literal('salesforce'),
  name: z.literal('Salesforce'),
  description: z.string(),
  status: z.enum(['not_connected', 'connected', 'needs_reconnect']),
  connection: z.object({ instanceUrl: z.string(), username: z.string() }).nullable(),
  /** Where Set up can sign in; `custom` accepts a My Domain URL. */
  loginHosts: z.array(loginHostOption),
  defaultLoginHost: z.string(),
});
export type SalesforceCard = z.infer<typeof salesforceCard>;
export const listIntegrationsResponse = z.object({ integrations: z.array(salesforceCard) });
export type ListIntegrationsResponse = z.infer<typeof listIntegrationsResponse>;

/** A custom login host: a Salesforce My Domain (or sandbox) over https. */
export const myDomainUrl = storable(
  z.url({ protocol: /^https$/, hostname: /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(my\.)?salesforce\.com$/i }).max(200),
);

export const oauthStartQuery = z.strictObject({
  purpose: z.enum(['connect', 'reset']).default('connect'),
  /** An id from `loginHosts`, or a My Domain URL. */
  loginHost: text().min(1).max(200),
  /** popup: the callback page messages its opener; redirect: it sends the browser back to the page. */
  mode: z.enum(['popup', 'redirect']).default('popup'),
});
export type OAuthStartQuery = z.infer<typeof oauthStartQuery>;

/** How an OAuth round trip ended; the callback page hands it to the Integrations page. */
export const oauthOutcomes = [
  'connected',
  'reset',
  'denied',
  'invalid_state',
  'exchange_failed',
  'different_org',
  'org_switched',
  'failed',
] as const;
export const oauthOutcome = z.enum(oauthOutcomes);
export type OAuthOutcome = z.infer<typeof oauthOutcome>;

export const oauthOutcomeMessages: Record<OAuthOutcome, string> = {
  connected: 'Connected to Salesforce.',
  reset: 'The Salesforce token was replaced. Your sync settings are unchanged.',
  denied: 'Salesforce sign-in was cancelled, so nothing was changed.',
  invalid_state:
    'This sign-in has expired or was already used. Nothing was changed; click Set up to try again.',
  exchange_failed: 'Salesforce did not accept the sign-in. Nothing was changed; please try again.',
  different_org:
    'You signed in to a different Salesforce org than the one connected, so the token was kept. Sign in to the connected org, or Disconnect first to switch orgs.',
  org_switched:
    'Connected to a different Salesforce org: the records copied from the previous org were removed.',
  failed: 'Salesforce could not be reached to finish the sign-in. Nothing was changed; please try again.',
};

/**
 * What the admin reads after a round trip. `reloaded`: after `org_switched`, the synced objects
 * whose local copy is being loaded again from the new org.
 */
export function oauthOutcomeText(outcome: OAuthOutcome, reloaded: readonly SyncObject[] = []): string {
  if (outcome !== 'org_switched' || reloaded.length === 0) return oauthOutcomeMessages[outcome];
  const objects =
    reloaded.length === 1 ? reloaded[0] : `${reloaded.slice(0, -1).join(', ')} and ${reloaded.at(-1)}`;
  return `Connected to a different Salesforce org: the local copy of ${objects} is being reloaded.`;
}

/** The objects named in `reloaded`, as the redirect back to the page carries them (`Contact,Lead`). */
export const reloadedObjects = z
  .string()
  .max(100)
  .transform((text) => text.split(',').filter(Boolean))
  .pipe(z.array(syncObject));

/** The message the callback window posts to the page that opened it. */
export const oauthMessage = z.object({
  type: z.literal('cloverhound:salesforce-oauth'),
  outcome: oauthOutcome,
  detail: z.string().optional(),
  reloaded: z.array(syncObject).optional(),
});
export type OAuthMessage = z.infer<typeof oauthMessage>;

export const oauthTokenView = z.object({
  id: z.uuid(),
  provider: z.string(),
  account: z.object({ username: z.string(), instanceUrl: z.string() }).nullable(),
  scopes: z.array(z.string()),
  status: z.enum(['active', 'needs_reconnect']),
  createdAt: z.iso.datetime(),
  /** When Salesforce issued the grant: Reset Token moves it. */
  issuedAt: z.iso.datetime(),
  refreshedAt: z.iso.datetime().nullable(),
  authorizedBy: z.string().nullable(),
});
export type OAuthTokenView = z.infer<typeof oauthTokenView>;
export const listOAuthTokensResponse = z.object({ tokens: z.array(oauthTokenView) });
