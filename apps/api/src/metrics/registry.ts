import type { Db } from '@ch/db';
import { Counter, Gauge, Registry } from 'prom-client';
import { LAG_QUANTILES, readSyncAggregates, type SyncAggregates } from './sync-aggregates.ts';

export interface MetricsOptions {
  /** How long one read of the database's aggregates serves scrapes. */
  cacheMs?: number;
  now?: () => number;
}

/**
 * Prometheus metrics. Counters for what happens in this process (CDC events applied); gauges read
 * from the database for what every worker shares (syncs, lag, runs), so any API process reports
 * the same numbers whichever worker did the work. No series carries an organization: at thousands
 * of organizations per-organization series were the bulk of the scrape. The database is read at
 * most once per `cacheMs`, and scrapes arriving meanwhile (or concurrently) share that read.
 */
export function createMetrics(db: Db, { cacheMs = 15_000, now = Date.now }: MetricsOptions = {}) {
  const registry = new Registry();
  const cdcEventsApplied = new Counter({
    name: 'cloverhound_cdc_events_applied_total',
    help: 'Change Data Capture events applied to the local copy by this process',
    // transport: pubsub or cometd (decision 024).
    labelNames: ['object', 'transport'],
    registers: [registry],
  });
  const refreshes = new Counter({
    name: 'cloverhound_metrics_refreshes_total',
    help: 'Reads of the sync aggregates from the database by this process (at most one per cache period)',
    registers: [registry],
  });
  let cached: { at: number; value: Promise<SyncAggregates> } | undefined;
  const aggregates = (): Promise<SyncAggregates> => {
    if (cached && now() - cached.at < cacheMs) return cached.value;
    refreshes.inc();
    const value = readSyncAggregates(db);
    const entry = { at: now(), value };
    cached = entry;
    // A failed read is not kept: the next scrape tries again rather than failing for a period.
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };
  const fromAggregates = (
    options: { name: string; help: string; labelNames: string[] },
    fill: (gauge: Gauge, from: SyncAggregates) => void,
  ) =>
    new Gauge({
      ...options,
      registers: [registry],
      async collect() {
        const from = await aggregates();
        this.reset();
        fill(this, from);
      },
    });
  fromAggregates(
    {
      name: 'cloverhound_syncs',
      help: 'Syncs by object, method, status and whether they are on',
      labelNames: ['object', 'method', 'status', 'enabled'],
    },
    (gauge, { syncs }) => {
      for (const { count, failing: _, enabled, ...labels } of syncs) {
        gauge.set({ ...labels, enabled: String(enabled) }, count);
      }
    },
  );
  fromAggregates(
    {
      name: 'cloverhound_syncs_failing',
      help: 'Syncs whose last run failed (one or more failures in a row; the breaker trips at 5)',
      labelNames: ['object', 'method', 'status'],
    },
    (gauge, { syncs }) => {
      const sums = new Map<string, { labels: Record<string, string>; failing: number }>();
      for (const { object, method, status, failing } of syncs) {
        const key = `${object}/${method}/${status}`;
        const sum = sums.get(key) ?? { labels: { object, method, status }, failing: 0 };
        sum.failing += failing;
        sums.set(key, sum);
      }
      for (const { labels, failing } of sums.values()) gauge.set(labels, failing);
    },
  );
  fromAggregates(
    {
      name: 'cloverhound_sync_lag_seconds',
      help: 'Seconds since the last successful run, across enabled syncs: quantile 1 is the worst',
      labelNames: ['object', 'method', 'quantile'],
    },
    (gauge, { lag }) => {
      for (const { object, method, quantiles } of lag) {
        LAG_QUANTILES.forEach((quantile, i) => {
          gauge.set({ object, method, quantile: String(quantile) }, quantiles[i] ?? 0);
        });
      }
    },
  );
  fromAggregates(
    {
      name: 'cloverhound_sync_runs_last_hour',
      help: 'Sync runs started in the last hour, by kind and outcome',
      labelNames: ['kind', 'outcome'],
    },
    (gauge, { runs }) => {
      for (const { count, ...labels } of runs) gauge.set(labels, count);
    },
  );
  return { registry, cdcEventsApplied };
}

export type Metrics = ReturnType<typeof createMetrics>;
