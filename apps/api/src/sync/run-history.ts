import { hostname } from 'node:os';
import type { Db, SyncRunKind } from '@ch/db';

/** Names this process in run history, so overlapping runs across workers can be told apart. */
export const WORKER_ID = `${hostname()}:${process.pid}`;

export async function startRun(db: Db, sync: { id: string; organizationId: string }, kind: SyncRunKind) {
  return db.syncRun.create({
    data: { organizationId: sync.organizationId, objectSyncId: sync.id, kind, worker: WORKER_ID },
    select: { id: true },
  });
}

export interface RunTotals {
  upserted: number;
  deleted: number;
  apiCalls: number;
}

export async function finishRun(
  db: Db,
  runId: bigint,
  outcome: 'SUCCEEDED' | 'FAILED' | 'DEFERRED',
  totals: RunTotals,
  error?: string,
): Promise<void> {
  await db.syncRun.update({
    where: { id: runId },
    data: { outcome, finishedAt: new Date(), ...totals, error: error ?? null },
  });
}
