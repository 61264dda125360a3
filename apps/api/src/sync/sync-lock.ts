import pg from 'pg';

/** Advisory-lock namespace of "a run of this sync" (first key); the second is the sync id's hash. */
const RUN_LOCK = 0x5352; // 'SR'

/** A worker's run locks: one pooled connection per run in flight, kept between runs. */
export interface RunLocks {
  /**
   * Runs `work` while holding this sync's run lock, or returns 'busy' at once when another run
   * holds it. If the lock's connection fails mid-run, `lost` aborts: the run stops at the next
   * page (its checkpoint is committed), before another can start.
   */
  hold<T>(syncId: string, work: (lost: AbortSignal) => Promise<T>): Promise<T | 'busy'>;
  /** Ends the pooled connections (after the last `hold` has settled); once, however often called. */
  close(): Promise<void>;
}

const lockArgs = (syncId: string) => [RUN_LOCK, syncId];

/**
 * pg-boss's exclusive slot is no lock on a run: it frees when a job expires or misses its
 * heartbeat while the handler may still be running. The run lock is a session advisory lock,
 * held for the whole run on a connection that does nothing else meanwhile: PostgreSQL drops it
 * when that connection ends, so a crashed worker frees it at once, while a stalled one keeps it.
 *
 * The connections are pooled (`max`: the runs a worker has in flight at most). A connection of
 * its own per run cost a backend start and a SCRAM handshake on both sides for every poll, which
 * `pnpm sim:scale` saw as CPU the two cores lacked when a killed worker's work moved (decision
 * 026). A connection goes back to the pool only once its lock is released; one whose unlock
 * cannot be confirmed is closed instead, which releases whatever it held.
 */
export function createRunLocks(databaseUrl: string, max: number): RunLocks {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that fails is dropped by the pool; the next run opens another.
  pool.on('error', () => undefined);
  let closed: Promise<void> | undefined;
  return {
    async hold(syncId, work) {
      const client = await pool.connect();
      const lost = new AbortController();
      const onError = (error: Error) => lost.abort(error);
      const onEnd = () => lost.abort(new Error('the run lock connection closed'));
      client.on('error', onError);
      client.on('end', onEnd);
      // Whether the connection holds no lock of ours and may serve another run.
      let clean = false;
      try {
        const { rows } = await client.query<{ held: boolean }>(
          'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS held',
          lockArgs(syncId),
        );
        if (!rows[0]?.held) {
          clean = true;
          return 'busy';
        }
        try {
          return await work(lost.signal);
        } finally {
          const released = await client
            .query<{ released: boolean }>(
              'SELECT pg_advisory_unlock($1::int, hashtext($2)) AS released',
              lockArgs(syncId),
            )
            .catch(() => undefined);
          clean = released?.rows[0]?.released === true && !lost.signal.aborted;
        }
      } finally {
        client.off('error', onError);
        client.off('end', onEnd);
        // Passing true closes the connection rather than pooling it.
        client.release(!clean);
      }
    },
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}
