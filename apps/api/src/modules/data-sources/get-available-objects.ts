import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../api-keys/api-key-auth.ts';
import { fromDbObject, recordCounts } from '../salesforce-syncs/sync-view.ts';

const STATUS = { ACTIVE: 'active', PAUSED: 'paused', ERROR: 'error' } as const;

/** GET /api/v1/data-sources/available: the objects the organization syncs, whatever their state. */
export function getAvailableObjects({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = apiClientOf(req);
    const [syncs, counts] = await Promise.all([
      db.objectSync.findMany({ where: { organizationId }, orderBy: { object: 'asc' } }),
      recordCounts(db, organizationId),
    ]);
    res.json({
      objects: syncs.map((sync) => ({
        object: fromDbObject(sync.object),
        syncStatus: STATUS[sync.status],
        enabled: sync.enabled,
        method: sync.method,
        recordCount: counts.get(sync.object) ?? 0,
        lastSyncAt: sync.lastSuccessAt?.toISOString() ?? null,
      })),
    });
  };
}
