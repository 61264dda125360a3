import pg from 'pg';

/** Advisory-lock namespace of "a run of this sync" (first key); the second is the sync id's hash. */
const RUN_LOCK = 0x5352; // 'SR'

/**
 * Runs `work` while holding this sync's run lock, or returns 'busy' at once when another run holds
 * it. pg-boss's exclusive slot is no such lock: it frees when a job expires or misses its heartbeat
 * while the handler may still be running. The lock is a session advisory lock on a connection of
 * its own, held for the whole run: PostgreSQL drops it when that connection ends, so a crashed
 * worker frees it at once, while a stalled one keeps it. If the connection fails mid-run, `lost`
 * aborts: the run stops at the next page (its checkpoint is committed), before another can start.
 */
export async function withRunLock<T>(
  databaseUrl: string,
  syncId: string,
  work: (lost: AbortSignal) => Promise<T>,
): Promise<T | 'busy'> {
  const lost = new AbortController();
  const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
  client.on('error', (error) => lost.abort(error));
  client.on('end', () => lost.abort(new Error('the run lock connection closed')));
  await client.connect();
  try {
    const { rows } = await client.query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS held',
      [RUN_LOCK, syncId],
    );
    if (!rows[0]?.held) return 'busy';
    return await work(lost.signal);
  } finally {
    // Ending the session releases the lock; an unlock first would only add a round trip.
    await client.end().catch(() => undefined);
  }
}
