import type { ObjectSyncView, SyncRunView } from '@ch/contracts';
import {
  type Db,
  type SyncObject as DbSyncObject,
  type ObjectSync,
  type SkippedRecord,
  type SyncRun,
  type TenantKey,
  tenantKey,
} from '@ch/db';
import type { FieldWarning } from '../../sync/field-changes.ts';
import { chosenFieldsOf } from '../../sync/fields.ts';
import { fromDbObject } from '../../wire-names/objects.ts';
import { fromDbSyncStatus } from '../../wire-names/sync-status.ts';

const RECENT_RUNS = 5;
const LISTED_SKIPS = 20;

type SyncRow = ObjectSync & {
  _count: { dataSources: number; skippedRecords: number };
  runs: SyncRun[];
  skippedRecords: SkippedRecord[];
};

/** What every sync endpoint returns for a sync: settings, health, progress and recent runs. */
export const syncInclude = {
  _count: { select: { dataSources: true, skippedRecords: true } },
  runs: { orderBy: { id: 'desc' }, take: RECENT_RUNS },
  skippedRecords: { orderBy: { skippedAt: 'desc' }, take: LISTED_SKIPS },
} as const;

export function toSyncView(sync: SyncRow, recordCount: number | null): ObjectSyncView {
  const loading = sync.fullLoadCompletedAt === null && sync.fullLoadTotal !== null;
  return {
    object: fromDbObject(sync.object),
    method: sync.method,
    intervalMinutes: sync.intervalMinutes,
    enabled: sync.enabled,
    status: fromDbSyncStatus(sync.status),
    lastError: sync.lastError,
    lastErrorAt: sync.lastErrorAt?.toISOString() ?? null,
    lastSuccessAt: sync.lastSuccessAt?.toISOString() ?? null,
    recordCount,
    dataSourceCount: sync._count.dataSources,
    progress: loading ? loadProgress(sync) : null,
    recentRuns: sync.runs.map(toRunView),
    skipped: {
      count: sync._count.skippedRecords,
      records: sync.skippedRecords.map((skip) => ({
        recordId: skip.recordId,
        reason: skip.reason,
        skippedAt: skip.skippedAt.toISOString(),
      })),
    },
    fields: chosenFieldsOf(sync).map((field) => field.name),
    fieldWarnings: (sync.fieldWarnings as unknown as FieldWarning[]).map(({ field, message }) => ({
      field,
      message,
    })),
    updatedAt: sync.updatedAt.toISOString(),
  };
}

/** A Bulk job still gathering records reports its own count; after that, records stored. */
function loadProgress(sync: ObjectSync): NonNullable<ObjectSyncView['progress']> {
  const total = sync.fullLoadTotal ?? 0;
  if (sync.fullLoadPrepared !== null) return { done: sync.fullLoadPrepared, total, preparing: true };
  return { done: sync.fullLoadDone, total, preparing: false };
}

function toRunView(run: SyncRun): SyncRunView {
  return {
    kind: run.kind.toLowerCase() as SyncRunView['kind'],
    outcome: run.outcome.toLowerCase() as SyncRunView['outcome'],
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    upserted: run.upserted,
    deleted: run.deleted,
    apiCalls: run.apiCalls,
    error: run.error,
  };
}

/** Live local records per object; null for an object never synced (no rows yet). */
export async function recordCounts(db: Db, organizationId: string): Promise<Map<DbSyncObject, number>> {
  const groups = await db.salesforceRecord.groupBy({
    by: ['object'],
    where: { organizationId, deleted: false },
    _count: { _all: true },
  });
  return new Map(groups.map((group) => [group.object, group._count._all]));
}

/** One sync as the API shows it, read fresh. */
export async function loadSyncView(db: Db, key: TenantKey): Promise<ObjectSyncView> {
  const sync = await db.objectSync.findUniqueOrThrow({ where: tenantKey(key), include: syncInclude });
  const counts = await recordCounts(db, sync.organizationId);
  return toSyncView(sync, counts.get(sync.object) ?? null);
}
