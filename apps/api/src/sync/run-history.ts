import { hostname } from 'node:os';
import { type Db, type SyncRunKind, type TenantKey, tenantKey } from '@ch/db';

/** Names this process in run history, so overlapping runs across workers can be told apart. */
export const WORKER_ID = `${hostname()}:${process.pid}`;

/**
 * Opens a run. Only one runner holds a sync at a time (the poll's run lock, the CDC lease),
 * so a run of this sync still marked RUNNING belonged to a worker that died: close it as failed,
 * or the history would show it running forever.
 */
export async function startRun(
  db: Db,
  sync: { id: string; organizationId: string },
  kind: SyncRunKind,
  worker = WORKER_ID,
) {
  const [, run] = await db.$transaction([
    db.syncRun.updateMany({
      where: { organizationId: sync.organizationId, objectSyncId: sync.id, outcome: 'RUNNING' },
      data: {
        outcome: 'FAILED',
        finishedAt: new Date(),
        error: 'The worker running it stopped before it finished.',
      },
    }),
    db.syncRun.create({
      data: { organizationId: sync.organizationId, objectSyncId: sync.id, kind, worker },
      select: { organizationId: true, id: true },
    }),
  ]);
  return run;
}

export interface RunTotals {
  upserted: number;
  deleted: number;
  apiCalls: number;
  /** A line for the run history when the run succeeded another way than usual (Bulk fell back to REST). */
  note?: string;
}

export async function finishRun(
  db: Db,
  run: TenantKey<bigint>,
  outcome: 'SUCCEEDED' | 'FAILED' | 'DEFERRED',
  totals: RunTotals,
  error?: string,
): Promise<void> {
  const { note, ...counts } = totals;
  await db.syncRun.update({
    where: tenantKey(run),
    data: { outcome, finishedAt: new Date(), ...counts, error: error ?? note ?? null },
  });
}
