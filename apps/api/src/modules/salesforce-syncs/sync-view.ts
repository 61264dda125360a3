import type { ObjectSyncView, SyncObject } from '@ch/contracts';
import type { SyncObject as DbSyncObject, ObjectSync } from '@ch/db';

export const toDbObject = (object: SyncObject): DbSyncObject => (object === 'Contact' ? 'CONTACT' : 'LEAD');
export const fromDbObject = (object: DbSyncObject): SyncObject => (object === 'CONTACT' ? 'Contact' : 'Lead');

const STATUS = { ACTIVE: 'active', PAUSED: 'paused', ERROR: 'error' } as const;

export function toSyncView(sync: ObjectSync & { _count: { dataSources: number } }): ObjectSyncView {
  return {
    object: fromDbObject(sync.object),
    method: sync.method,
    intervalMinutes: sync.intervalMinutes,
    enabled: sync.enabled,
    status: STATUS[sync.status],
    lastError: sync.lastError,
    lastErrorAt: sync.lastErrorAt?.toISOString() ?? null,
    lastSuccessAt: sync.lastSuccessAt?.toISOString() ?? null,
    recordCount: null,
    dataSourceCount: sync._count.dataSources,
    updatedAt: sync.updatedAt.toISOString(),
  };
}

export const withCounts = { _count: { select: { dataSources: true } } } as const;
