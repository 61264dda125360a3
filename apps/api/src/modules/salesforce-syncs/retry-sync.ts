import { objectSyncView, syncObjectParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { findSyncOr404 } from './find-sync.ts';
import { loadSyncView } from './sync-view.ts';

/**
 * POST /api/integrations/salesforce/syncs/:object/retry: closes a tripped circuit breaker so the
 * sync runs again within seconds. Anything but an Error sync is left as it is.
 */
export function retrySync({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const actor = principalOf(req);
    const sync = await findSyncOr404(db, actor.organizationId, object);
    if (sync.status === 'ERROR') {
      await db.$transaction(async (tx) => {
        await tx.objectSync.updateMany({
          where: { id: sync.id, status: 'ERROR' },
          data: { status: 'ACTIVE', consecutiveFailures: 0, nextRunAt: null },
        });
        await recordAudit(tx, {
          organizationId: actor.organizationId,
          actorUserId: actor.userId,
          action: 'salesforce.sync_retried',
          details: { object },
        });
      });
    }
    send(res, objectSyncView, await loadSyncView(db, sync));
  };
}
