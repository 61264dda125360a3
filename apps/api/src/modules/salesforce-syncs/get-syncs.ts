import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { toSyncView, withCounts } from './sync-view.ts';

/** GET /api/integrations/salesforce/syncs: the organization's object syncs, Contact then Lead. */
export function getSyncs({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = principalOf(req);
    const rows = await db.objectSync.findMany({
      where: { organizationId },
      orderBy: { object: 'asc' },
      include: withCounts,
    });
    res.json({ syncs: rows.map(toSyncView) });
  };
}
