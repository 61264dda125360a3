import express from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { createMetrics } from '../../metrics/registry.ts';
import { getMetrics } from './get-metrics.ts';

const ctx = useTestContext();
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

/** The value of one series in a scrape, by its exact label set. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no series ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  beforeAll(async () => {
    // A mix across two organizations: what the aggregates must add up, never name.
    const [acme, globex] = await ctx.db.organization.findMany({ take: 2, orderBy: { name: 'asc' } });
    const sync = (organizationId: string, data: object) =>
      ctx.db.objectSync.create({ data: { organizationId, ...data } as never });
    const lead1 = await sync(acme!.id, {
      object: 'LEAD',
      method: 'REST',
      enabled: true,
      lastSuccessAt: ago(100),
      intervalMinutes: 5,
    });
    const lead2 = await sync(globex!.id, {
      object: 'LEAD',
      method: 'REST',
      enabled: true,
      lastSuccessAt: ago(300),
      consecutiveFailures: 2,
      intervalMinutes: 5,
    });
    await sync(acme!.id, {
      object: 'CONTACT',
      method: 'CDC',
      enabled: true,
      status: 'ERROR',
      consecutiveFailures: 5,
      lastSuccessAt: ago(1000),
    });
    await sync(globex!.id, { object: 'CONTACT' });
    const run = (objectSyncId: string, organizationId: string, data: object) =>
      ctx.db.syncRun.create({ data: { objectSyncId, organizationId, worker: 'w', ...data } as never });
    await run(lead1.id, acme!.id, { kind: 'FULL', outcome: 'SUCCEEDED', startedAt: ago(600) });
    await run(lead1.id, acme!.id, { kind: 'INCREMENTAL', outcome: 'SUCCEEDED', startedAt: ago(60) });
    await run(lead2.id, globex!.id, { kind: 'INCREMENTAL', outcome: 'FAILED', startedAt: ago(120) });
    await run(lead2.id, globex!.id, { kind: 'INCREMENTAL', outcome: 'SUCCEEDED', startedAt: ago(30) });
    // Older than the window: history, not counted.
    await run(lead2.id, globex!.id, { kind: 'INCREMENTAL', outcome: 'SUCCEEDED', startedAt: ago(7200) });
    ctx.deps.metrics.cdcEventsApplied.inc({ object: 'LEAD' }, 3);
  });

  it('reports syncs, lag, failures and recent runs as aggregates, never by organization', async () => {
    const res = await request(ctx.app).get('/metrics').expect(200);
    const text = res.text;
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(text).not.toMatch(/organization/i);
    for (const org of await ctx.db.organization.findMany()) expect(text).not.toContain(org.id);

    expect(value(text, 'cloverhound_syncs{object="LEAD",method="REST",status="ACTIVE",enabled="true"}')).toBe(
      2,
    );
    expect(
      value(text, 'cloverhound_syncs{object="CONTACT",method="CDC",status="ERROR",enabled="true"}'),
    ).toBe(1);
    expect(
      value(text, 'cloverhound_syncs{object="CONTACT",method="NONE",status="ACTIVE",enabled="false"}'),
    ).toBe(1);
    expect(value(text, 'cloverhound_syncs_failing{object="LEAD",method="REST",status="ACTIVE"}')).toBe(1);
    expect(value(text, 'cloverhound_syncs_failing{object="CONTACT",method="CDC",status="ERROR"}')).toBe(1);

    // Lags of 100 s and 300 s: the median lies between, the worst is the 300 s one.
    const median = value(text, 'cloverhound_sync_lag_seconds{object="LEAD",method="REST",quantile="0.5"}');
    const worst = value(text, 'cloverhound_sync_lag_seconds{object="LEAD",method="REST",quantile="1"}');
    expect(median).toBeGreaterThanOrEqual(200);
    expect(median).toBeLessThan(260);
    expect(worst).toBeGreaterThanOrEqual(300);
    expect(worst).toBeLessThan(360);
    expect(
      value(text, 'cloverhound_sync_lag_seconds{object="CONTACT",method="CDC",quantile="1"}'),
    ).toBeGreaterThanOrEqual(1000);
    expect(text).not.toContain('method="NONE",quantile');

    expect(value(text, 'cloverhound_sync_runs_last_hour{kind="INCREMENTAL",outcome="SUCCEEDED"}')).toBe(2);
    expect(value(text, 'cloverhound_sync_runs_last_hour{kind="INCREMENTAL",outcome="FAILED"}')).toBe(1);
    expect(value(text, 'cloverhound_sync_runs_last_hour{kind="FULL",outcome="SUCCEEDED"}')).toBe(1);
    expect(value(text, 'cloverhound_cdc_events_applied_total{object="LEAD"}')).toBe(3);
  });

  it('reads the database once per cache period, however many scrapes arrive', async () => {
    let clock = Date.now();
    const metrics = createMetrics(ctx.db, { cacheMs: 15_000, now: () => clock });
    const app = express().get('/metrics', getMetrics({ ...ctx.deps, metrics }));
    const scrape = async () => (await request(app).get('/metrics').expect(200)).text;
    const syncsOn = (text: string) =>
      value(text, 'cloverhound_syncs{object="LEAD",method="REST",status="ACTIVE",enabled="true"}');

    const [first, concurrent] = await Promise.all([scrape(), scrape()]);
    expect(value(first, 'cloverhound_metrics_refreshes_total')).toBe(1);
    expect(value(concurrent, 'cloverhound_metrics_refreshes_total')).toBe(1);
    // A change within the period is not seen: the second scrape did not query.
    await ctx.db.objectSync.updateMany({
      where: { object: 'CONTACT', method: null },
      data: { method: 'REST', enabled: true },
    });
    clock += 14_000;
    const second = await scrape();
    expect(value(second, 'cloverhound_metrics_refreshes_total')).toBe(1);
    expect(syncsOn(second)).toBe(syncsOn(first));
    expect(second).not.toContain('object="CONTACT",method="REST"');

    clock += 2_000;
    const third = await scrape();
    expect(value(third, 'cloverhound_metrics_refreshes_total')).toBe(2);
    expect(
      value(third, 'cloverhound_syncs{object="CONTACT",method="REST",status="ACTIVE",enabled="true"}'),
    ).toBe(1);
  });
});
