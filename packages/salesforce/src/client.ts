import {
  abortBulkQuery,
  type BulkQueryOptions,
  type BulkQueryPage,
  bulkQueryPages,
  deleteBulkQuery,
} from './bulk-query.ts';
import { isSalesforceError, type SalesforceError } from './errors.ts';
import { toIdentity } from './identity.ts';
import { revokeToken } from './oauth.ts';
import { describe, getCdcSelectedObjects, getEdition, getLimits } from './org.ts';
import { type PubSubSubscribeOptions, subscribePubSub } from './pubsub/subscribe-pubsub.ts';
import { type CountOptions, count, type FetchByIdsOptions, fetchByIds, queryPages } from './query.ts';
import { rest } from './rest.ts';
import { createSession, type SessionOptions } from './session.ts';
import {
  type ChangeSubscription,
  type SubscribeChangesOptions,
  subscribeChanges,
} from './streaming/subscribe-changes.ts';
import { createCallTasks } from './tasks.ts';
import type {
  ApiLimits,
  CallTaskInput,
  CallTaskResult,
  CreateTasksOptions,
  Identity,
  ObjectDescribe,
  OrgEdition,
  QueryOptions,
  QueryPage,
  SalesforceRecord,
} from './types.ts';

export interface SalesforceClientOptions extends SessionOptions {
  /** The token's identity URL (TokenSet.identityUrl); without it identity() uses /services/oauth2/userinfo. */
  identityUrl?: string;
}

export interface SalesforceClient {
  readonly apiVersion: string;
  identity(): Promise<Identity>;
  describe(object: string): Promise<ObjectDescribe>;
  queryPages<R extends SalesforceRecord = SalesforceRecord>(
    soql: string,
    options?: QueryOptions,
  ): AsyncGenerator<QueryPage<R>, void, undefined>;
  fetchByIds<R extends SalesforceRecord = SalesforceRecord>(
    object: string,
    ids: readonly string[],
    fields: readonly string[],
    options?: FetchByIdsOptions,
  ): Promise<R[]>;
  count(object: string, options?: CountOptions): Promise<number>;
  /** A Bulk API 2.0 query job's results, page by page (see bulk-query.ts). */
  bulkQueryPages<R extends SalesforceRecord = SalesforceRecord>(
    soql: string,
    options?: BulkQueryOptions,
  ): AsyncGenerator<BulkQueryPage<R>, void, undefined>;
  abortBulkQuery(jobId: string): Promise<void>;
  deleteBulkQuery(jobId: string): Promise<void>;
  getEdition(): Promise<OrgEdition>;
  getCdcSelectedObjects(): Promise<string[]>;
  createTasks(tasks: readonly CallTaskInput[], options?: CreateTasksOptions): Promise<CallTaskResult[]>;
  limits(): Promise<ApiLimits>;
  subscribeChanges(options: SubscribeChangesOptions): ChangeSubscription;
  /** The same changes over the Pub/Sub API (gRPC), with flow control (see pubsub/subscribe-pubsub.ts). */
  subscribePubSub(options: PubSubSubscribeOptions): ChangeSubscription;
  /** Revokes the refresh token (and with it every access token of this grant), then closes. */
  revoke(): Promise<void>;
  /** Closes every change subscription opened through this client. */
  close(): void;
}

export function createSalesforceClient(options: SalesforceClientOptions): SalesforceClient {
  const session = createSession(options);
  const subscriptions = new Set<ChangeSubscription>();
  /** Kept until it ends, so close() ends every subscription opened through this client. */
  const track = (
    onError: (error: SalesforceError) => void,
    open: (onError: (error: SalesforceError) => void) => ChangeSubscription,
  ): ChangeSubscription => {
    const sub = open((err) => {
      subscriptions.delete(sub);
      onError(err);
    });
    subscriptions.add(sub);
    return {
      ready: sub.ready,
      close: () => {
        subscriptions.delete(sub);
        sub.close();
      },
    };
  };

  const client: SalesforceClient = {
    apiVersion: session.version,
    async identity() {
      // The identity URL (from the token response) or, failing that, the OpenID userinfo endpoint.
      const url = options.identityUrl ?? '/services/oauth2/userinfo';
      try {
        return toIdentity(await rest(session, { url }));
      } catch (err) {
        // The identity service answers an expired token with 403 Bad_OAuth_Token, not 401, so
        // jsforce does not refresh by itself: refresh once and try again.
        if (!isSalesforceError(err) || err.status !== 403 || !/Bad_OAuth_Token/.test(err.message)) throw err;
        await session.forceRefresh();
        return toIdentity(await rest(session, { url }));
      }
    },
    describe: (object) => describe(session, object),
    queryPages: (soql, queryOptions) => queryPages(session, soql, queryOptions),
    fetchByIds: (object, ids, fields, fetchOptions) => fetchByIds(session, object, ids, fields, fetchOptions),
    count: (object, countOptions) => count(session, object, countOptions),
    bulkQueryPages: (soql, bulkOptions) => bulkQueryPages(session, soql, bulkOptions),
    abortBulkQuery: (jobId) => abortBulkQuery(session, jobId),
    deleteBulkQuery: (jobId) => deleteBulkQuery(session, jobId),
    getEdition: () => getEdition(session),
    getCdcSelectedObjects: () => getCdcSelectedObjects(session),
    createTasks: (tasks, taskOptions) => createCallTasks(session, tasks, taskOptions),
    limits: () => getLimits(session),
    subscribeChanges: (subscribeOptions) =>
      track(subscribeOptions.onError, (onError) =>
        subscribeChanges(session, { ...subscribeOptions, onError }),
      ),
    subscribePubSub: (subscribeOptions) =>
      track(subscribeOptions.onError, (onError) =>
        subscribePubSub(session, { ...subscribeOptions, onError }),
      ),
    async revoke() {
      client.close();
      const token = session.conn.refreshToken ?? session.conn.accessToken;
      if (token) await revokeToken({ loginUrl: options.loginUrl, token });
    },
    close() {
      for (const sub of subscriptions) sub.close();
      subscriptions.clear();
    },
  };
  return client;
}
