import type pg from 'pg';

/** Waits until `check` holds, asking every half second; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Longest the simulation waits for a takeover before reporting it as not done. */
const TAKEOVER_LIMIT_MS = 180_000;

const RUNNING_REST = `SELECT DISTINCT r."objectSyncId"::text AS id FROM "SyncRun" r
  JOIN "ObjectSync" s ON s."organizationId" = r."organizationId" AND s.id = r."objectSyncId"
  WHERE r.worker = $1 AND r.outcome = 'RUNNING' AND s.method = 'REST'`;

/** Whether the worker is running a REST poll right now. */
export async function pollsInFlight(sql: pg.Client, workerId: string): Promise<boolean> {
  return (await sql.query(RUNNING_REST, [workerId])).rows.length > 0;
}

/**
 * What a worker holds when it is killed (its CDC leases, its REST polls in flight), and,
 * once it is, how long until all of it runs elsewhere: every one of those CDC syncs leased by a
 * live worker, and every one of those REST syncs polled again by a new run.
 */
export async function snapshotHeld(sql: pg.Client, workerId: string) {
  const cdc = (
    await sql.query<{ id: string }>(`SELECT id::text FROM "ObjectSync" WHERE "cdcOwner" = $1`, [workerId])
  ).rows.map((row) => row.id);
  const rest = (await sql.query<{ id: string }>(RUNNING_REST, [workerId])).rows.map((row) => row.id);
  return {
    cdc: cdc.length,
    rest: rest.length,
    /** Seconds from `killedAt` until each part is taken over (Infinity past the limit). */
    async takenOver(killedAt: Date): Promise<{ cdcS: number; restS: number }> {
      const waitingCdc = `SELECT count(*)::int AS n FROM "ObjectSync" WHERE id = ANY($1::uuid[])
        AND ("cdcOwner" IS NULL OR "cdcOwner" = $2 OR "cdcLeaseUntil" < now() AT TIME ZONE 'UTC')`;
      const waitingRest = `SELECT count(*)::int AS n FROM unnest($1::uuid[]) AS s(id) WHERE NOT EXISTS (
        SELECT 1 FROM "SyncRun" r WHERE r."objectSyncId" = s.id AND r."startedAt" > $2)`;
      const after = async (query: string, values: unknown[]) => {
        try {
          await waitFor('the takeover', TAKEOVER_LIMIT_MS, async () => {
            const { rows } = await sql.query<{ n: number }>(query, values);
            return rows[0]?.n === 0;
          });
          return (Date.now() - killedAt.getTime()) / 1000;
        } catch {
          return Number.POSITIVE_INFINITY;
        }
      };
      const [cdcS, restS] = await Promise.all([
        after(waitingCdc, [cdc, workerId]),
        after(waitingRest, [rest, killedAt]),
      ]);
      return { cdcS, restS };
    },
  };
}
