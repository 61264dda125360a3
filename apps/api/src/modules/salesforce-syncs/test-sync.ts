import { syncObjectParams, testSyncResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { withSalesforceForRequest } from '../salesforce-connection/salesforce-for-request.ts';
import { checkSync, describeFailure } from './check-sync.ts';
import { findSyncOr404 } from './find-sync.ts';

/**
 * POST /api/integrations/salesforce/syncs/:object/test: checks the object with the stored token.
 * A failed check is a result (200, ok false), not an error. A passing test closes the circuit breaker.
 */
export function testSync(deps: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const { organizationId } = principalOf(req);
    const sync = await findSyncOr404(deps.db, organizationId, object);
    // Someone is waiting on the alert: one quick retry, not the workers' patient back-off.
    const retry = { maxRetries: 1, minTimeoutMs: 250 };
    const result = await withSalesforceForRequest(
      deps,
      organizationId,
      (c) => checkSync(c, object, sync.method),
      {
        retry,
      },
    ).catch((error: unknown) => {
      const failure = describeFailure(error, object);
      if (!failure) throw error;
      req.log.warn({ err: error, object }, 'sync test failed');
      return failure;
    });
    if (result.ok && sync.status === 'ERROR') {
      await deps.db.objectSync.updateMany({
        where: { id: sync.id, status: 'ERROR' },
        data: { status: 'ACTIVE', consecutiveFailures: 0 },
      });
    }
    send(res, testSyncResponse, result);
  };
}
