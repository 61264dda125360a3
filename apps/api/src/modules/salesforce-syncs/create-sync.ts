import { createSyncRequest, objectSyncView } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toDbObject } from '../../wire-names/objects.ts';
import { SALESFORCE_PROVIDER } from '../../wire-names/provider.ts';
import { loadSyncView } from './sync-view.ts';

/**
 * POST /api/integrations/salesforce/syncs: adds an object, disabled and with no method yet (the
 * admin chooses one, saves, then turns it on). Paused while there is no working connection.
 */
export function createSync({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(createSyncRequest, req.body);
    const actor = principalOf(req);
    const organizationId = actor.organizationId;
    const created = await db.$transaction(async (tx) => {
      const exists = await tx.objectSync.findUnique({
        where: { organizationId_object: { organizationId, object: toDbObject(object) } },
      });
      if (exists) {
        throw new AppError('conflict', `${object} is already synced.`, [
          { path: 'object', message: 'already added' },
        ]);
      }
      const token = await tx.oAuthToken.findUnique({
        where: { organizationId_provider: { organizationId, provider: SALESFORCE_PROVIDER } },
        select: { status: true },
      });
      const sync = await tx.objectSync.create({
        data: {
          organizationId,
          object: toDbObject(object),
          status: token?.status === 'ACTIVE' ? 'ACTIVE' : 'PAUSED',
        },
      });
      await recordAudit(tx, {
        organizationId,
        actorUserId: actor.userId,
        action: 'salesforce.sync_added',
        details: { object },
      });
      return sync;
    });
    send(res, objectSyncView, await loadSyncView(db, created), 201);
  };
}
