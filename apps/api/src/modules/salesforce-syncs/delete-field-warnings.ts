import { objectSyncView, syncObjectParams } from '@ch/contracts';
import { tenantKey } from '@ch/db';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { findSyncOr404 } from './find-sync.ts';
import { loadSyncView } from './sync-view.ts';

/**
 * DELETE /api/integrations/salesforce/syncs/:object/field-warnings: the admin has read that
 * fields were dropped (sync/field-drift.ts); the row stops saying so.
 */
export function deleteFieldWarnings(deps: Deps): RequestHandler {
  const { db } = deps;
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const actor = principalOf(req);
    const sync = await findSyncOr404(db, actor.organizationId, object);
    await db.$transaction(async (tx) => {
      await tx.objectSync.update({ where: tenantKey(sync), data: { fieldWarnings: [] } });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorUserId: actor.userId,
        action: 'salesforce.sync_field_warnings_dismissed',
        details: { object, fields: (sync.fieldWarnings as { field: string }[]).map((w) => w.field) },
      });
    });
    send(res, objectSyncView, await loadSyncView(db, sync));
  };
}
