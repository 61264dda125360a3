import type { Db } from '@ch/db';
import type { WorkerProcess } from './processes.ts';

/**
 * Pairs of runs of one sync whose [startedAt, finishedAt] intervals overlap. A run left RUNNING by
 * a killed worker ends when that worker died; one left by a live worker is still going (now).
 */
export async function overlappingRuns(db: Db, syncId: string, workers: WorkerProcess[]): Promise<string[]> {
  const runs = await db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { startedAt: 'asc' } });
  const diedAt = (worker: string) =>
    workers.find((w) => w.id === worker || w.restWorker === worker)?.killedAt ?? Date.now();
  const spans = runs.map((run) => ({
    label: `${run.kind} #${run.id} by ${run.worker}`,
    start: run.startedAt.getTime(),
    end: run.finishedAt?.getTime() ?? diedAt(run.worker),
  }));
  const out: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length && spans[j]!.start < spans[i]!.end; j++) {
      out.push(`${spans[i]!.label} overlaps ${spans[j]!.label}`);
    }
  }
  return out;
}
