import type { Db } from '@ch/db';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * Prometheus metrics. Counters for what happens in this process (CDC events applied); gauges read
 * from the database at scrape time for what every worker shares (lag, runs, failures), so any API
 * process reports the same numbers whichever worker did the work.
 */
export function createMetrics(db: Db) {
  const registry = new Registry();
  const cdcEventsApplied = new Counter({
    name: 'cloverhound_cdc_events_applied_total',
    help: 'Change Data Capture events applied to the local copy by this process',
    labelNames: ['object'],
    registers: [registry],
  });
  new Gauge({
    name: 'cloverhound_sync_lag_seconds',
    help: 'Seconds since the last successful run of each enabled sync',
    labelNames: ['organization', 'object', 'method'],
    registers: [registry],
    async collect() {
      this.reset();
      const syncs = await db.objectSync.findMany({ where: { enabled: true, lastSuccessAt: { not: null } } });
      for (const sync of syncs) {
        const lag = (Date.now() - sync.lastSuccessAt!.getTime()) / 1000;
        this.set(
          { organization: sync.organizationId, object: sync.object, method: sync.method ?? 'none' },
          lag,
        );
      }
    },
  });
  new Gauge({
    name: 'cloverhound_sync_runs',
    help: 'Sync runs recorded in the run history, by kind and outcome',
    labelNames: ['kind', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      const groups = await db.syncRun.groupBy({ by: ['kind', 'outcome'], _count: { _all: true } });
      for (const group of groups) this.set({ kind: group.kind, outcome: group.outcome }, group._count._all);
    },
  });
  new Gauge({
    name: 'cloverhound_sync_consecutive_failures',
    help: 'Consecutive failed runs of each sync (the circuit breaker trips at 5)',
    labelNames: ['organization', 'object', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const syncs = await db.objectSync.findMany({
        select: { organizationId: true, object: true, status: true, consecutiveFailures: true },
      });
      for (const sync of syncs) {
        this.set(
          { organization: sync.organizationId, object: sync.object, status: sync.status },
          sync.consecutiveFailures,
        );
      }
    },
  });
  return { registry, cdcEventsApplied };
}

export type Metrics = ReturnType<typeof createMetrics>;
