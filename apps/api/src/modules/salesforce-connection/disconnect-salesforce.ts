import { isSalesforceError, revokeToken } from '@ch/salesforce';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { removeConnection } from './connection-store.ts';

/**
 * POST /api/integrations/salesforce/disconnect: removes the connection in one transaction, then
 * revokes the token at Salesforce. The revoke is best effort: the token is already gone here.
 */
export function disconnectSalesforce(deps: Deps): RequestHandler {
  return async (req, res) => {
    const principal = principalOf(req);
    const removed = await removeConnection(deps, principal.organizationId, principal.userId);
    if (removed) {
      try {
        await revokeToken({ loginUrl: removed.loginUrl, token: removed.refreshToken });
        req.log.info('salesforce token revoked');
      } catch (error) {
        req.log.warn(
          { kind: isSalesforceError(error) ? error.kind : 'unknown' },
          'salesforce token revoke failed',
        );
      }
    }
    res.status(204).end();
  };
}
