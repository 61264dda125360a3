import { type DataSourceFilter, type DataSourceView, dataSourceFilter } from '@ch/contracts';
import type { CampaignDataSource, Db, ObjectSync } from '@ch/db';
import { AppError } from '../../http/app-error.ts';
import { fromDbObject } from '../../wire-names/objects.ts';
import { fromDbSyncStatus } from '../../wire-names/sync-status.ts';

/** What the views and reads of a data source use: its row, and its sync's object and state. */
export type DataSourceRow = Pick<
  CampaignDataSource,
  'id' | 'organizationId' | 'campaignId' | 'filter' | 'createdAt'
> & {
  objectSync: SyncState;
};
type SyncState = Pick<ObjectSync, 'object' | 'status' | 'enabled' | 'lastSuccessAt'>;

/** Active only while its sync runs; otherwise readable, but what it returns may be out of date. */
export function stateOf(sync: Pick<ObjectSync, 'enabled' | 'status'>): {
  state: 'active' | 'paused';
  stale: boolean;
} {
  const active = sync.enabled && sync.status === 'ACTIVE';
  return { state: active ? 'active' : 'paused', stale: !active };
}

/** Stored filters were validated on the way in; parse again so a hand-edited row cannot widen a read. */
export const filterOf = (row: Pick<CampaignDataSource, 'filter'>): DataSourceFilter =>
  dataSourceFilter.parse(row.filter);

export function toDataSourceView(row: DataSourceRow): DataSourceView {
  return {
    id: row.id,
    campaignId: row.campaignId,
    object: fromDbObject(row.objectSync.object),
    filter: filterOf(row),
    ...stateOf(row.objectSync),
    syncStatus: fromDbSyncStatus(row.objectSync.status),
    lastSyncAt: row.objectSync.lastSuccessAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's data source, or 404: another organization's id is indistinguishable from none. */
export async function loadDataSource(db: Db, organizationId: string, id: string): Promise<DataSourceRow> {
  // One round trip (Prisma's include makes two): every records and changes page starts here.
  const [row] = await db.$queryRaw<(Omit<DataSourceRow, 'objectSync'> & SyncState)[]>`
    SELECT d.id, d."organizationId", d."campaignId", d.filter, d."createdAt",
           s.object, s.status, s.enabled, s."lastSuccessAt"
    FROM "CampaignDataSource" d
    JOIN "ObjectSync" s ON s."organizationId" = d."organizationId" AND s.id = d."objectSyncId"
    WHERE d."organizationId" = ${organizationId}::uuid AND d.id = ${id}::uuid`;
  if (!row) throw new AppError('not_found', 'No such data source.');
  const { object, status, enabled, lastSuccessAt, ...source } = row;
  return { ...source, objectSync: { object, status, enabled, lastSuccessAt } };
}
