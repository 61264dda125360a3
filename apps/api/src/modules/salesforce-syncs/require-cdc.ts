import type { SyncObject } from '@ch/contracts';
import { isSalesforceError } from '@ch/salesforce';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { withSalesforceForRequest } from '../salesforce-connection/salesforce-for-request.ts';
import { cdcAvailability, describeFailure } from './check-sync.ts';

/**
 * Before a CDC sync is turned on (or an enabled sync switched to CDC): asks the connected org
 * whether it can deliver change events for the object. An org that cannot is refused at Save with
 * a field error, instead of failing at run time until the circuit breaker trips.
 */
export async function requireCdc(deps: Deps, organizationId: string, object: SyncObject): Promise<void> {
  // Someone is waiting on Save: one quick retry, not the workers' patient back-off.
  const retry = { maxRetries: 1, minTimeoutMs: 250 };
  const { selected } = await withSalesforceForRequest(
    deps,
    organizationId,
    (c) => cdcAvailability(c, object),
    {
      retry,
    },
  ).catch((error: unknown) => {
    const failure = describeFailure(error, object);
    if (!failure || !isSalesforceError(error)) throw error;
    const code = error.kind === 'auth_revoked' || error.kind === 'auth_expired' ? 'conflict' : 'bad_gateway';
    throw new AppError(
      error.kind === 'rate_limited' ? 'rate_limited' : code,
      `Change Data Capture could not be checked, so nothing was saved. ${failure.message}`,
    );
  });
  if (selected) return;
  const message = `Change Data Capture is not available for ${object} in this Salesforce org: it needs Enterprise Edition or higher with ${object} selected in Setup > Change Data Capture; use REST Polling`;
  throw new AppError('bad_request', message, [{ path: 'method', message }]);
}
