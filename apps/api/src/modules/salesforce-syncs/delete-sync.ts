import { deleteSyncResponse, syncObjectParams } from '@ch/contracts';
import { tenantKey } from '@ch/db';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { findSyncOr404 } from './find-sync.ts';

/** DELETE /api/integrations/salesforce/syncs/:object: the sync, its data sources and its local records go together. */
export function deleteSync({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const actor = principalOf(req);
    const { organizationId } = actor;
    const removedDataSources = await db.$transaction(async (tx) => {
      const sync = await findSyncOr404(tx, organizationId, object);
      const { count } = await tx.campaignDataSource.deleteMany({
        where: { organizationId, objectSyncId: sync.id },
      });
      // The local copy goes too: nothing keeps it current any more, and a sync added again starts clean.
      await tx.salesforceRecord.deleteMany({ where: { organizationId, object: sync.object } });
      await tx.objectSync.delete({ where: tenantKey(sync) });
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
