import { listAvailableObjectsResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { send } from '../../http/send.ts';
import { syncedFieldsOf } from '../../sync/fields.ts';
import { fromDbObject } from '../../wire-names/objects.ts';
import { fromDbSyncStatus } from '../../wire-names/sync-status.ts';
import { recordCounts } from '../salesforce-syncs/sync-view.ts';

/**
 * GET /api/v1/data-sources/available: the objects the organization syncs, whatever their state,
 * each with the fields its sync keeps (name, label, type), which records carry and filters test.
 */
export function listAvailableObjects({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = apiClientOf(req);
    const [syncs, counts] = await Promise.all([
      db.objectSync.findMany({ where: { organizationId }, orderBy: { object: 'asc' } }),
      recordCounts(db, organizationId),
    ]);
    send(res, listAvailableObjectsResponse, {
      objects: syncs.map((sync) => ({
        object: fromDbObject(sync.object),
        syncStatus: fromDbSyncStatus(sync.status),
        enabled: sync.enabled,
        method: sync.method,
        recordCount: counts.get(sync.object) ?? 0,
        lastSyncAt: sync.lastSuccessAt?.toISOString() ?? null,
        fields: syncedFieldsOf(sync).map(({ name, label, type }) => ({ name, label, type })),
      })),
    });
  };
}
