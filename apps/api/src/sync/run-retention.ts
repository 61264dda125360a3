import type { Db } from '@ch/db';
import type { Deps } from '../deps.ts';
import { type Periodic, startPeriodic } from '../periodic.ts';

const EVERY_MS = 60 * 60_000;
const BATCH = 1_000;
/**
 * Runs of each sync kept whatever their age: the sync card's "Recent runs" lists the latest five
 * (modules/salesforce-syncs/sync-view.ts). "Last successful sync" reads ObjectSync.lastSuccessAt,
 * not the history, so pruning never changes it.
 */
export const KEPT_PER_SYNC = 5;

/**
 * Deletes finished runs started before `cutoff`, except each sync's latest KEPT_PER_SYNC, in
 * batches of `batch` rows read in startedAt order through its index (one statement each, so no
 * long transaction and no lock held between batches). A run still RUNNING is left: its worker
 * finishes it, or the sync's next run closes it. Returns how many it deleted.
 */
export async function pruneRunHistory(
  db: Db,
  cutoff: Date,
  { batch = BATCH, stopping = () => false }: { batch?: number; stopping?: () => boolean } = {},
): Promise<number> {
  let deleted = 0;
  // Keyset position: each batch starts after the last run the previous one examined, so the
  // runs kept (old, but among their sync's latest) are looked at once per pass, not per batch.
  let after = { startedAt: new Date(0), id: 0n };
  for (;;) {
    const [step] = await db.$queryRaw<
      { deleted: number; examined: number; lastStartedAt: Date | null; lastId: bigint | null }[]
    >`
      WITH page AS (
        SELECT "organizationId", id, "objectSyncId", "startedAt", outcome FROM "SyncRun"
        WHERE "startedAt" < ${cutoff} AND ("startedAt", id) > (${after.startedAt}, ${after.id})
        ORDER BY "startedAt", id LIMIT ${batch}
      ), doomed AS (
        SELECT p."organizationId", p.id FROM page p
        WHERE p.outcome <> 'RUNNING'
          AND (SELECT count(*) FROM (
                 SELECT 1 FROM "SyncRun" k
                 WHERE k."objectSyncId" = p."objectSyncId" AND k."startedAt" > p."startedAt"
                 LIMIT ${KEPT_PER_SYNC}) AS newer) = ${KEPT_PER_SYNC}
      ), gone AS (
        DELETE FROM "SyncRun" WHERE ("organizationId", id) IN (SELECT "organizationId", id FROM doomed) RETURNING 1
      ), last AS (
        SELECT "startedAt", id FROM page ORDER BY "startedAt" DESC, id DESC LIMIT 1
      )
      SELECT (SELECT count(*) FROM gone)::int AS deleted, (SELECT count(*) FROM page)::int AS examined,
             (SELECT "startedAt" FROM last) AS "lastStartedAt", (SELECT id FROM last) AS "lastId"`;
    deleted += step!.deleted;
    if (step!.examined < batch || step!.lastStartedAt === null || stopping()) return deleted;
    after = { startedAt: step!.lastStartedAt, id: step!.lastId! };
  }
}

/**
 * On the workers: prunes run history older than SYNC_RUN_RETENTION_DAYS at start and hourly.
 * Several workers may prune at once; the deletes are idempotent, so no coordination is needed.
 */
export function startRunRetention(deps: Pick<Deps, 'db' | 'env' | 'logger'>, everyMs = EVERY_MS): Periodic {
  return startPeriodic(
    'run history prune',
    async (self) => {
      const cutoff = new Date(Date.now() - deps.env.SYNC_RUN_RETENTION_DAYS * 24 * 60 * 60_000);
      const deleted = await pruneRunHistory(deps.db, cutoff, { stopping: () => self.stopping });
      if (deleted > 0) deps.logger.info({ deleted, cutoff }, 'old sync runs deleted');
    },
    { everyMs, logger: deps.logger },
  );
}
