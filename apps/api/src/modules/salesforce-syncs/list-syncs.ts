import { listSyncsResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { recordCounts, syncInclude, toSyncView } from './sync-view.ts';

/** GET /api/integrations/salesforce/syncs: the organization's object syncs, Contact then Lead. */
export function listSyncs({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = principalOf(req);
    const [rows, counts] = await Promise.all([
      db.objectSync.findMany({ where: { organizationId }, orderBy: { object: 'asc' }, include: syncInclude }),
      recordCounts(db, organizationId),
    ]);
    send(res, listSyncsResponse, {
      syncs: rows.map((row) => toSyncView(row, counts.get(row.object) ?? null)),
    });
  };
}
