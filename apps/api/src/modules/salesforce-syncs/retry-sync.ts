import { objectSyncView, syncObjectParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toDbObject } from '../../wire-names/objects.ts';
import { loadSyncView } from './sync-view.ts';

/**
 * POST /api/integrations/salesforce/syncs/:object/retry: closes a tripped circuit breaker so the
 * sync runs again within seconds. Anything but an Error sync is left as it is.
 */
export function retrySync({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const actor = principalOf(req);
    const where = {
      organizationId_object: { organizationId: actor.organizationId, object: toDbObject(object) },
    };
    const sync = await db.objectSync.findUnique({ where });
    if (!sync) throw new AppError('not_found', `${object} is not synced.`);
    if (sync.status === 'ERROR') {
      await db.$transaction([
        db.objectSync.updateMany({
          where: { id: sync.id, status: 'ERROR' },
          data: { status: 'ACTIVE', consecutiveFailures: 0, nextRunAt: null },
        }),
        db.auditEvent.create({
          data: {
            organizationId: actor.organizationId,
            actorUserId: actor.userId,
            action: 'salesforce.sync_retried',
            details: { object },
          },
        }),
      ]);
    }
    send(res, objectSyncView, await loadSyncView(db, sync.id));
  };
}
