import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type pg from 'pg';

/** The run lock's message on a run whose worker died (run-history.ts startRun). */
const ORPHANED = 'The worker running it stopped before it finished.';

/** Resident memory of a process in MB (Linux /proc), undefined once it is gone. */
export function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux /proc, 100 ticks a second). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** REST polls one worker started in the window (its SyncRun rows). */
export async function pollsBy(sql: pg.Client, worker: string, from: Date, to: Date): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "SyncRun" r JOIN "ObjectSync" s ON s."organizationId" = r."organizationId" AND s.id = r."objectSyncId"
     WHERE s.method = 'REST' AND r.worker = $1 AND r."startedAt" BETWEEN $2 AND $3`,
    [worker, from, to],
  );
  return rows[0]?.n ?? 0;
}

/** Samples once a second what only shows while it runs: RSS per process, connections, load. */
export function startSampler(sql: pg.Client, pids: () => Map<string, number>) {
  const rssMax = new Map<string, number>();
  let connectionsMax = 0;
  let loadMax = 0;
  const loads: number[] = [];
  const sample = async () => {
    for (const [name, pid] of pids()) {
      const mb = rssMb(pid);
      if (mb !== undefined) rssMax.set(name, Math.max(rssMax.get(name) ?? 0, mb));
    }
    // Every backend of the product's database but the simulation's own sampling connection.
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> 'sim-scale'`,
    );
    connectionsMax = Math.max(connectionsMax, rows[0]?.n ?? 0);
    const load = loadavg()[0] ?? 0;
    loads.push(load);
    loadMax = Math.max(loadMax, load);
  };
  const timer = setInterval(() => void sample().catch(() => {}), 1000);
  // SIM_DIAG=1: what the database's backends are doing, every 5 s (where a bottleneck shows first).
  const diag = process.env.SIM_DIAG
    ? setInterval(async () => {
        const { rows } = await sql.query<{ what: string; n: number }>(
          `SELECT state || ' ' || COALESCE(wait_event, '-') || ' ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           GROUP BY 1 ORDER BY 2 DESC LIMIT 6`,
        );
        process.stdout.write(`[diag] ${rows.map((r) => `${r.n}x ${r.what}`).join('\n[diag] ')}\n`);
      }, 5000)
    : undefined;
  return {
    stop: () => {
      clearInterval(timer);
      clearInterval(diag);
    },
    rssMax,
    connectionsMax: () => connectionsMax,
    load: () => ({ max: loadMax, mean: loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length) }),
  };
}

/** CDC leases held now, per worker id. */
export async function leasesByOwner(sql: pg.Client): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ owner: string; n: number }>(
    `SELECT "cdcOwner" AS owner, count(*)::int AS n FROM "ObjectSync"
     WHERE method = 'CDC' AND "cdcOwner" IS NOT NULL AND "cdcLeaseUntil" > now() AT TIME ZONE 'UTC'
     GROUP BY 1`,
  );
  return new Map(rows.map((row) => [row.owner, row.n]));
}

/**
 * How late polls started: a poll job's start (pg-boss `started_on`) minus the due time the
 * scheduler claimed it at (its `dueAt`), for polls due inside the window. A job still waiting at
 * the end counts as starting then (its lateness so far), so a backlog is not hidden.
 */
export async function pollLateness(sql: pg.Client, from: Date, to: Date) {
  const { rows } = await sql.query<{
    polls: number;
    p50: number | null;
    p99: number | null;
    max: number | null;
  }>(
    `WITH late AS (
       SELECT EXTRACT(EPOCH FROM (COALESCE(started_on, $2::timestamptz) - (data->>'dueAt')::timestamptz)) * 1000 AS ms
       FROM pgboss.job
       WHERE name = 'salesforce-poll' AND data->>'dueAt' IS NOT NULL
         AND (data->>'dueAt')::timestamptz BETWEEN $1 AND $2)
     SELECT count(*)::int AS polls,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY GREATEST(ms, 0)) AS p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY GREATEST(ms, 0)) AS p99,
       max(ms) AS max FROM late`,
    [from, to],
  );
  return rows[0] ?? { polls: 0, p50: null, p99: null, max: null };
}

/**
 * Where the late polls fall: polls over a second late, counted by their due time in 10 s steps
 * from the kill (negative: before it), to tell a takeover's hiccup from a steady backlog.
 */
export async function lateAroundKill(sql: pg.Client, from: Date, to: Date, killedAt: Date): Promise<string> {
  const { rows } = await sql.query<{ step: number; n: number; max: number }>(
    `SELECT floor(EXTRACT(EPOCH FROM ((data->>'dueAt')::timestamptz - $3::timestamptz)) / 10)::int * 10 AS step,
       count(*)::int AS n,
       round(max(EXTRACT(EPOCH FROM (COALESCE(started_on, $2::timestamptz) - (data->>'dueAt')::timestamptz))))::int AS max
     FROM pgboss.job
     WHERE name = 'salesforce-poll' AND data->>'dueAt' IS NOT NULL
       AND (data->>'dueAt')::timestamptz BETWEEN $1 AND $2
       AND COALESCE(started_on, $2::timestamptz) - (data->>'dueAt')::timestamptz > interval '1 second'
     GROUP BY 1 ORDER BY 1`,
    [from, to, killedAt],
  );
  return rows.map((r) => `${r.step >= 0 ? '+' : ''}${r.step}s: ${r.n} (max ${r.max} s)`).join(', ') || 'none';
}

/** REST polls started in the window (SyncRun rows) and how long the finished ones took. */
export async function pollsStarted(sql: pg.Client, from: Date, to: Date) {
  const { rows } = await sql.query<{ n: number; p50: number | null; p99: number | null }>(
    `WITH runs AS (
       SELECT EXTRACT(EPOCH FROM (r."finishedAt" - r."startedAt")) * 1000 AS ms
       FROM "SyncRun" r JOIN "ObjectSync" s ON s."organizationId" = r."organizationId" AND s.id = r."objectSyncId"
       WHERE s.method = 'REST' AND r."startedAt" BETWEEN $1 AND $2)
     SELECT count(*)::int AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99 FROM runs`,
    [from, to],
  );
  return { polls: rows[0]?.n ?? 0, durationP50: rows[0]?.p50 ?? null, durationP99: rows[0]?.p99 ?? null };
}

/**
 * Two runs of one sync overlapping in time, from SyncRun rows. A run its worker never finished
 * (killed) is closed by the sync's next run with ORPHANED: it really ended when its worker died,
 * so its end is taken as the kill, not the moment the next run wrote it down.
 */
export async function doubleRuns(sql: pg.Client, killedAt: Date | undefined): Promise<string[]> {
  const { rows } = await sql.query<{ pair: string }>(
    `WITH runs AS (
       SELECT id, "objectSyncId", "startedAt", kind, worker,
         CASE WHEN error = $1 AND $2::timestamptz IS NOT NULL THEN LEAST(COALESCE("finishedAt", now()), $2::timestamptz)
              ELSE COALESCE("finishedAt", now()) END AS ended
       FROM "SyncRun")
     SELECT a.kind || ' ' || a.worker || ' ' || to_char(a."startedAt", 'HH24:MI:SS.MS') || '-' || to_char(a.ended, 'HH24:MI:SS.MS')
       || ' with ' || b.kind || ' ' || b.worker || ' ' || to_char(b."startedAt", 'HH24:MI:SS.MS') AS pair
     FROM runs a JOIN runs b
       ON a."objectSyncId" = b."objectSyncId" AND a.id < b.id
      AND b."startedAt" < a.ended AND a."startedAt" < b.ended`,
    [ORPHANED, killedAt ?? null],
  );
  return rows.map((row) => row.pair);
}

/** Runs started per kind in 5 s steps around the kill: CDC sessions moving show as CDC runs. */
export async function runsAroundKill(sql: pg.Client, killedAt: Date): Promise<string> {
  const { rows } = await sql.query<{ step: number; kinds: string }>(
    `SELECT step, string_agg(kind || ' ' || n, ', ' ORDER BY kind) AS kinds FROM (
       SELECT floor(EXTRACT(EPOCH FROM ("startedAt" - $1::timestamptz)) / 5)::int * 5 AS step, kind::text, count(*) AS n
       FROM "SyncRun" WHERE "startedAt" BETWEEN $1::timestamptz - interval '10 seconds' AND $1::timestamptz + interval '60 seconds'
       GROUP BY 1, 2) s GROUP BY step ORDER BY step`,
    [killedAt],
  );
  return `runs started around the kill (5 s steps): ${rows.map((r) => `${r.step >= 0 ? '+' : ''}${r.step}s ${r.kinds}`).join('; ')}`;
}
