import { objectSyncView, syncObjectParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toDbObject } from '../../wire-names/objects.ts';
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
    const where = {
      organizationId_object: { organizationId: actor.organizationId, object: toDbObject(object) },
    };
    const sync = await db.objectSync.findUnique({ where });
    if (!sync) throw new AppError('not_found', `${object} is not synced. Add it first.`);
    await db.$transaction(async (tx) => {
      await tx.objectSync.update({ where, data: { fieldWarnings: [] } });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorUserId: actor.userId,
        action: 'salesforce.sync_field_warnings_dismissed',
        details: { object, fields: (sync.fieldWarnings as { field: string }[]).map((w) => w.field) },
      });
    });
    send(res, objectSyncView, await loadSyncView(db, sync.id));
  };
}
