import { deleteSyncResponse, syncObjectParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toDbObject } from '../../wire-names/objects.ts';

/** DELETE /api/integrations/salesforce/syncs/:object: the sync, its data sources and its local records go together. */
export function deleteSync({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const actor = principalOf(req);
    const { organizationId } = actor;
    const removedDataSources = await db.$transaction(async (tx) => {
      const sync = await tx.objectSync.findUnique({
        where: { organizationId_object: { organizationId, object: toDbObject(object) } },
      });
      if (!sync) throw new AppError('not_found', `${object} is not synced.`);
      const { count } = await tx.campaignDataSource.deleteMany({
        where: { organizationId, objectSyncId: sync.id },
      });
      // The local copy goes too: nothing keeps it current any more, and a sync added again starts clean.
      await tx.salesforceRecord.deleteMany({ where: { organizationId, object: sync.object } });
      await tx.objectSync.delete({ where: { id: sync.id } });
      await recordAudit(tx, {
        organizationId,
        actorUserId: actor.userId,
        action: 'salesforce.sync_removed',
        details: { object, removedDataSources: count },
      });
      return count;
    });
    send(res, deleteSyncResponse, { removedDataSources });
  };
}
