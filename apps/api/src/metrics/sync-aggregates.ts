import type { Db } from '@ch/db';

/** Runs counted by `cloverhound_sync_runs_last_hour`: the window its index range scan reads. */
export const RECENT_RUNS_WINDOW_MS = 60 * 60_000;

/** The quantiles of sync lag reported across syncs (1 is the worst sync's); the query spells them too. */
export const LAG_QUANTILES = [0.5, 0.9, 0.99, 1] as const;

export interface SyncAggregates {
  syncs: {
    object: string;
    method: string;
    status: string;
    enabled: boolean;
    count: number;
    failing: number;
  }[];
  lag: { object: string; method: string; quantiles: number[] }[];
  runs: { kind: string; outcome: string; count: number }[];
}

/**
 * What every worker shares, aggregated in the database so the result stays a handful of series
 * whatever the number of organizations. ObjectSync is read once (two rows per organization, no
 * history); SyncRun only through its startedAt index over the last hour, never whole.
 */
export async function readSyncAggregates(db: Db): Promise<SyncAggregates> {
  const since = new Date(Date.now() - RECENT_RUNS_WINDOW_MS);
  const [syncs, lag, runs] = await Promise.all([
    db.$queryRaw<SyncAggregates['syncs']>`
      SELECT object::text, coalesce(method::text, 'NONE') AS method, status::text, enabled,
             count(*)::int AS count, (count(*) FILTER (WHERE "consecutiveFailures" > 0))::int AS failing
      FROM "ObjectSync" GROUP BY 1, 2, 3, 4`,
    // lastSuccessAt is a timestamp without time zone holding UTC (Prisma's DateTime), hence the cast.
    db.$queryRaw<{ object: string; method: string; quantiles: number[] }[]>`
      SELECT object::text, coalesce(method::text, 'NONE') AS method,
             percentile_cont(ARRAY[0.5, 0.9, 0.99, 1]::float8[]) WITHIN GROUP (ORDER BY lag) AS quantiles
      FROM (SELECT object, method,
                   greatest(0, extract(epoch FROM (now() AT TIME ZONE 'UTC') - "lastSuccessAt"))::float8 AS lag
            FROM "ObjectSync" WHERE enabled AND "lastSuccessAt" IS NOT NULL) AS syncs
      GROUP BY 1, 2`,
    db.$queryRaw<SyncAggregates['runs']>`
      SELECT kind::text, outcome::text, count(*)::int AS count
      FROM "SyncRun" WHERE "startedAt" >= ${since} GROUP BY 1, 2`,
  ]);
  return { syncs, lag, runs };
}
