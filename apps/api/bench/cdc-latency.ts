// CDC latency for `pnpm bench:sync`: changes committed at the emulator at a steady rate, and the
// time from each commit to the moment its row is readable in PostgreSQL.
//
// Method. Every change writes a unique token (`c<n>`) into Title, creating or updating a Lead in
// one Salesforce transaction per tick (10 ms, so 500 changes/s means 5 per transaction). Its
// commit time is the batch's commitTimestamp from the control API (the emulator's clock, which is
// this process's clock: no skew). A reader on its own connection polls the change feed the way a
// campaign reader would, `seq > last seen` on the (organizationId, object, seq) index every 2 ms
// (no LISTEN), and notes when each token first becomes visible. Latency = visible - committed, so
// it includes the poll period (<= 2 ms plus timer slack) on top of the engine's own delay.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Deps } from '../src/deps.ts';
import { startCdcSupervisor } from '../src/sync/cdc/supervisor.ts';
import { print, type startBench } from './harness.ts';

type Bench = Awaited<ReturnType<typeof startBench>>;
const TICK_MS = 10;
const POOL = 2_000; // Leads that updates go round: each changes at most every POOL/rate seconds
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Created by the first run; a later run (the other transport) reuses the pool and the sync.
const pool: string[] = [];

export async function benchCdcLatency(
  bench: Bench,
  changes: number,
  perSecond: number,
  transport: Deps['env']['SALESFORCE_CDC_TRANSPORT'] = 'pubsub',
): Promise<void> {
  const { organizationId } = bench;
  const deps = { ...bench.deps, env: { ...bench.deps.env, SALESFORCE_CDC_TRANSPORT: transport } };
  const control = bench.emulator.control;
  if (pool.length === 0) {
    for (let i = 0; i < POOL; i += 1000) {
      const batch = Array.from({ length: 1000 }, (_, j) => ({ LastName: `Pool ${i + j}`, Company: 'Bench' }));
      pool.push(...(await control.createRecords('acme', 'Lead', batch)).results.map((r) => r.id!));
    }
    await deps.db.objectSync.create({
      data: { organizationId, object: 'LEAD', method: 'CDC', enabled: true },
    });
  }
  const supervisor = startCdcSupervisor(deps, { tickMs: 100, workerId: `bench-${transport}` });
  const reader = await startReader(bench.databaseUrl, organizationId);
  // Tokens name the transport: the copy keeps the other run's.
  const token = (n: number | string) => `${transport}-c${n}`;
  try {
    // Loaded first: a marker written before the load ends would be read by the load, not the stream.
    const ready = Date.now() + 120_000;
    const sync = { organizationId, object: 'LEAD' as const };
    while (!(await deps.db.objectSync.findFirstOrThrow({ where: sync })).fullLoadCompletedAt) {
      if (Date.now() > ready) throw new Error('the CDC full load did not end within 120 s');
      await sleep(50);
    }
    // Live, and past the replay of earlier events (the pool's creates), once a marker comes through.
    await control.updateRecords('acme', 'Lead', [{ Id: pool[0], Title: token('ready') }]);
    while (!reader.visible.has(token('ready'))) {
      if (Date.now() > ready) throw new Error('the CDC subscription did not start within 120 s');
      await sleep(20);
    }

    const committed = new Map<string, number>();
    const started = performance.now();
    let sent = 0;
    for (let update = false; sent < changes; update = !update) {
      const due = Math.min(changes, Math.floor(((performance.now() - started) / 1000) * perSecond) + 1);
      const tokens = Array.from({ length: due - sent }, (_, i) => token(sent + i));
      if (tokens.length > 0) {
        const result = update
          ? await control.updateRecords(
              'acme',
              'Lead',
              tokens.map((Title, i) => ({ Id: pool[(sent + i) % POOL], Title })),
            )
          : await control.createRecords(
              'acme',
              'Lead',
              tokens.map((Title) => ({ LastName: Title, Company: 'Bench', Title })),
            );
        for (const token of tokens) committed.set(token, Date.parse(result.commitTimestamp));
        sent = due;
      }
      await sleep(TICK_MS);
    }
    const rate = Math.round(changes / ((performance.now() - started) / 1000));
    await reader.until(() => [...committed.keys()].every((t) => reader.visible.has(t)), 30_000);

    const latencies = [...committed]
      .flatMap(([token, at]) => (reader.visible.has(token) ? [reader.visible.get(token)! - at] : []))
      .sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    print(
      `\nCDC over ${transport === 'pubsub' ? 'the Pub/Sub API' : 'CometD'}: ${changes.toLocaleString('en-US')} changes at ${perSecond}/s (achieved ${rate}/s), creates and updates, one transaction per ${TICK_MS} ms`,
    );
    print(
      `  commit at the emulator -> row readable in PostgreSQL: p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1)} ms (target: p99 < 250 ms)`,
    );
    print(`  seen ${latencies.length.toLocaleString('en-US')} of ${changes.toLocaleString('en-US')} changes`);
  } finally {
    await supervisor.stop();
    await reader.stop();
  }
}

/** Polls the change feed (seq order) every 2 ms; `visible` maps each Title token to when it was first read. */
async function startReader(databaseUrl: string, organizationId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const visible = new Map<string, number>();
  const sql = `SELECT fields->>'Title' AS t, seq::text AS seq FROM "SalesforceRecord"
               WHERE "organizationId" = $1 AND object = 'LEAD' AND seq > $2 ORDER BY seq`;
  let lastSeq = '0';
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ t: string | null; seq: string }>(sql, [organizationId, lastSeq]);
      const now = Date.now();
      for (const row of rows) {
        if (row.t && !visible.has(row.t)) visible.set(row.t, now);
        lastSeq = row.seq;
      }
      await sleep(2);
    }
  })();
  return {
    visible,
    /** Waits for `done`, at most `timeoutMs`: a bounded wait, whatever is missing is reported. */
    async until(done: () => boolean, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      while (!done() && Date.now() < deadline) await sleep(20);
    },
    async stop() {
      running = false;
      await loop;
      await client.end();
    },
  };
}
