import { randomUUID } from 'node:crypto';
import type { Db, TenantKey } from '@ch/db';
import type { PgBoss } from 'pg-boss';
import type { Deps } from '../deps.ts';
import { claimDueRestSyncs } from './eligible-syncs.ts';

/** Advisory-lock key of "the scheduler" (transaction-scoped): one tick at a time across processes. */
const SCHEDULER_LOCK = 0x5343; // 'SC'
/** A claimed sync is due again after this if its job never ran (lost with a crashed sender or worker). */
const CLAIM_MS = 60_000;
/**
 * A sync whose job is still queued or running (pg-boss dropped the new one) is looked at again
 * after this: the run may have just written "due at once" before its job was marked done.
 */
const BUSY_RECHECK_MS = 5_000;

export interface SchedulerOptions {
  queue: string;
  /** Each poll job's expiry in pg-boss. */
  expirySeconds: number;
  claimMs?: number;
  busyRecheckMs?: number;
  /** Most syncs one tick enqueues (default SYNC_SCHEDULER_BATCH); the rest wait, most overdue first. */
  batch?: number;
  /** Syncs due within this are claimed now and their jobs start at their due time (the tick). */
  aheadMs?: number;
}

/**
 * A poll job's payload: the sync by its key, organization first (decision 027). Jobs queued before
 * carry only `syncId`; the engine looks their organization up (engine.ts, pollKeyOf).
 */
export interface PollJob {
  organizationId: string;
  syncId: string;
  /** When the sync was due (null: never run), for pnpm sim:scale's lateness. */
  dueAt?: string | null;
}

/**
 * The sync a job names. A job queued before jobs named the organization (queued by the version
 * before decision 027, still waiting after a deploy) is handled all the same: its organization is
 * read by id (a scan across organizations, for those few jobs only). Null: the sync is gone.
 */
export async function pollKeyOf(
  db: Pick<Db, 'objectSync'>,
  job: Partial<PollJob> & { syncId: string },
): Promise<TenantKey | null> {
  if (job.organizationId) return { organizationId: job.organizationId, id: job.syncId };
  return db.objectSync.findFirst({ where: { id: job.syncId }, select: { organizationId: true, id: true } });
}

/** pg-boss runs its insert on the scheduler's transaction: jobs and claims commit together. */
function onTransaction(tx: Pick<Db, '$queryRawUnsafe'>) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}

/**
 * The REST scheduler. Every worker runs one, but a tick only does work in the process that takes
 * the scheduler's advisory lock; the others skip at the cost of one query. A tick claims the due
 * syncs (moving `nextRunAt` on) and enqueues them in one batch, in the same transaction, so a sync
 * is enqueued once per due time. The run lock (sync-lock.ts) still guards against double runs.
 * Returns the number of jobs enqueued (0 when skipped).
 */
export function startScheduler(deps: Deps, boss: PgBoss, options: SchedulerOptions) {
  const claimMs = options.claimMs ?? CLAIM_MS;
  const busyMs = Math.max(options.busyRecheckMs ?? BUSY_RECHECK_MS, 0);
  // Never later than the time already set (the run that holds the sync may just have set it).
  const recheckSoon = async (db: Pick<Db, '$executeRaw'>, syncs: PollJob[]) => {
    if (syncs.length === 0) return;
    await db.$executeRaw`
      UPDATE "ObjectSync" s SET "nextRunAt" = LEAST("nextRunAt", now() AT TIME ZONE 'UTC' + make_interval(secs => ${busyMs / 1000}::float8))
      FROM unnest(${syncs.map((sync) => sync.organizationId)}::uuid[], ${syncs.map((sync) => sync.syncId)}::uuid[]) AS b(org, id)
      WHERE s."organizationId" = b.org AND s.id = b.id`;
  };

  const enqueueDue = () =>
    deps.db.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRaw<{ leader: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK}::int, 0) AS leader`;
        if (!lock?.leader) return 0;
        const due = await claimDueRestSyncs(
          tx,
          options.batch ?? deps.env.SYNC_SCHEDULER_BATCH,
          claimMs,
          options.aheadMs ?? 0,
        );
        if (due.length === 0) return 0;
        const now = Date.now();
        const jobs = due.map(({ organizationId, id: syncId, dueAt }) => ({
          id: randomUUID(),
          // dueAt (null for a first run): how late the poll started, read by pnpm sim:scale.
          data: { organizationId, syncId, dueAt: dueAt?.toISOString() ?? null } satisfies PollJob,
          singletonKey: syncId,
          expireInSeconds: options.expirySeconds,
          // Claimed ahead of its time: pg-boss holds the job until then.
          ...(dueAt && dueAt.getTime() > now ? { startAfter: dueAt } : {}),
        }));
        const inserted = new Set(
          (await boss.insert(options.queue, jobs, { returnId: true, db: onTransaction(tx) })) ?? [],
        );
        // pg-boss's exclusive policy dropped these: a job of the sync is still queued or running.
        const busy = jobs.filter((job) => !inserted.has(job.id)).map((job) => job.data);
        await recheckSoon(tx, busy);
        return inserted.size;
      },
      // maxWait: under load the pool is busy with runs and subscriptions; Prisma's 2 s default
      // failed the tick outright and nothing was enqueued (pnpm sim:scale, decision 026).
      { timeout: 60_000, maxWait: 15_000 },
    );

  return {
    /** One tick. The engine runs it on periodic.ts, which skips a tick while the last one runs. */
    tick: enqueueDue,
    /** A job found its sync's run still going (an expired job's handler): look again soon. */
    recheckSoon: (sync: PollJob) => recheckSoon(deps.db, [sync]),
  };
}
