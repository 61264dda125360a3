import { type DataSourceFilter, type DataSourceView, dataSourceFilter } from '@ch/contracts';
import type { CampaignDataSource, Db, ObjectSync } from '@ch/db';
import { AppError } from '../../http/app-error.ts';
import { fromDbObject } from '../../wire-names/objects.ts';
import { fromDbSyncStatus } from '../../wire-names/sync-status.ts';

export type DataSourceRow = CampaignDataSource & { objectSync: ObjectSync };

/** Active only while its sync runs; otherwise readable, but what it returns may be out of date. */
export function stateOf(sync: ObjectSync): { state: 'active' | 'paused'; stale: boolean } {
  const active = sync.enabled && sync.status === 'ACTIVE';
  return { state: active ? 'active' : 'paused', stale: !active };
}

/** Stored filters were validated on the way in; parse again so a hand-edited row cannot widen a read. */
export const filterOf = (row: CampaignDataSource): DataSourceFilter => dataSourceFilter.parse(row.filter);

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
  const row = await db.campaignDataSource.findFirst({
    where: { id, organizationId },
    include: { objectSync: true },
  });
  if (!row) throw new AppError('not_found', 'No such data source.');
  return row;
}
