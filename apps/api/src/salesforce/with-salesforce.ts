import {
  createSalesforceClient,
  isSalesforceError,
  type RetryPolicy,
  type SalesforceClient,
} from '@ch/salesforce';
import type { Deps } from '../deps.ts';
import { SALESFORCE_PROVIDER } from '../wire-names/provider.ts';
import { NotConnectedError } from './failure-policy.ts';
import { markNeedsReconnect } from './reconnect.ts';
import { coordinateRefresh } from './token-refresh.ts';

/**
 * Runs `work` with a Salesforce client on the organization's stored token. A refreshed access
 * token (and a rotated refresh token) is stored encrypted as soon as Salesforce issues it, one
 * refresh at a time across processes (token-refresh.ts); a refused refresh puts the connection in
 * the reconnect state and pauses the syncs. No usable connection throws NotConnectedError.
 */
export async function withSalesforce<T>(
  deps: Deps,
  organizationId: string,
  work: (client: SalesforceClient) => Promise<T>,
  options: { retry?: Partial<RetryPolicy>; timeoutMs?: number } = {},
): Promise<T> {
  const token = await deps.db.oAuthToken.findUnique({
    where: { organizationId_provider: { organizationId, provider: SALESFORCE_PROVIDER } },
  });
  if (!token)
    throw new NotConnectedError('not_connected', 'Salesforce is not connected. Click Set up first.');
  if (token.status !== 'ACTIVE') {
    throw new NotConnectedError(
      'needs_reconnect',
      'Salesforce must be reconnected: click Reset Token and sign in again.',
    );
  }
  const { secretBox, salesforceApp } = deps;
  const client = createSalesforceClient({
    instanceUrl: token.instanceUrl,
    accessToken: secretBox.open(token.accessTokenEnc),
    refreshToken: secretBox.open(token.refreshTokenEnc),
    loginUrl: token.loginUrl,
    clientId: salesforceApp.clientId,
    clientSecret: salesforceApp.clientSecret,
    redirectUri: salesforceApp.callbackUrl,
    ...(options.retry ? { retry: options.retry } : {}),
    timeoutMs: options.timeoutMs ?? deps.env.SALESFORCE_REQUEST_TIMEOUT_MS,
    coordinateRefresh: coordinateRefresh(deps, token),
  });
  try {
    return await work(client);
  } catch (error) {
    if (isSalesforceError(error) && error.kind === 'auth_revoked') {
      await markNeedsReconnect(deps, organizationId, token.id);
    }
    throw error;
  } finally {
    client.close();
  }
}
