import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';
import { runPoll } from '../../sync/run-poll.ts';

const ctx = useTestContext();

describe('GET /metrics', () => {
  it('reports sync lag, runs and failures in Prometheus format', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    await connectSalesforce(admin, 'integration.user@acme.example');
    const syncs = '/api/integrations/salesforce/syncs';
    await admin.post(syncs).send({ object: 'Lead' }).expect(201);
    await admin
      .patch(`${syncs}/Lead`)
      .send({ method: 'REST', intervalMinutes: 5, enabled: true })
      .expect(200);
    await runPoll(ctx.deps, (await ctx.db.objectSync.findFirstOrThrow()).id);
    ctx.deps.metrics.cdcEventsApplied.inc({ object: 'LEAD' }, 3);

    const res = await request(ctx.app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/^cloverhound_sync_runs\{kind="FULL",outcome="SUCCEEDED"\} 1$/m);
    expect(res.text).toMatch(
      /^cloverhound_sync_lag_seconds\{organization="[\w-]+",object="LEAD",method="REST"\} [\d.e-]+$/m,
    );
    expect(res.text).toMatch(/^cloverhound_sync_consecutive_failures\{.*object="LEAD".*\} 0$/m);
    expect(res.text).toMatch(/^cloverhound_cdc_events_applied_total\{object="LEAD"\} 3$/m);
  });
});
