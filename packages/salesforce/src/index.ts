/** @ch/salesforce: the product's only door to Salesforce. Only our own types are exported. */
export { type AuthorizeUrlOptions, buildAuthorizeUrl, DEFAULT_SCOPE } from './authorize-url.ts';
export type { BulkJobState, BulkJobStatus, BulkQueryOptions, BulkQueryPage } from './bulk-query.ts';
export { createSalesforceClient, type SalesforceClient, type SalesforceClientOptions } from './client.ts';
export { isSalesforceError, SalesforceError, type SalesforceErrorKind } from './errors.ts';
export { type GetIdentityOptions, getIdentity } from './identity.ts';
export { resolveLoginUrl } from './login-host.ts';
export {
  type ExchangeCodeOptions,
  exchangeCode,
  type OAuthClientConfig,
  type RevokeTokenOptions,
  revokeToken,
} from './oauth.ts';
export { editionSupportsCdc } from './org.ts';
export { createPkcePair, type PkcePair } from './pkce.ts';
export {
  closePubSubChannels,
  openPubSubChannels,
  type PubSubEndpoint,
  STREAMS_PER_CHANNEL,
} from './pubsub/channel.ts';
export { PUBSUB_UNREACHABLE } from './pubsub/failure.ts';
export type { PubSubSubscribeOptions } from './pubsub/subscribe-pubsub.ts';
export type { CountOptions, FetchByIdsOptions } from './query.ts';
export { DEFAULT_API_VERSION, DEFAULT_REQUEST_TIMEOUT_MS, type RetryPolicy } from './session.ts';
export type { ChangeSubscription, SubscribeChangesOptions } from './streaming/subscribe-changes.ts';
export type * from './types.ts';
