import { controlError, orgParam } from '../control/common.ts';
import type { Emulator } from '../core/emulator.ts';
import { readJson, sendJson } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { armFailures, jobInfo, listJobs } from './jobs.ts';

/**
 * Test hooks for Bulk query jobs: see an org's jobs without spending its API calls, and make the
 * next jobs end Failed (Salesforce gives no reason for a failed query job either).
 */
export function registerBulkControl(router: Router, emu: Emulator, prefix: string): void {
  router.on('GET', `${prefix}/orgs/:org/bulk/jobs`, (ctx) => {
    const now = emu.clock.now();
    const jobs = listJobs(emu, orgParam(emu, ctx)).map((j) => ({ ...jobInfo(j, now), query: j.soql }));
    sendJson(ctx.res, 200, { jobs });
  });
  router.on('POST', `${prefix}/orgs/:org/bulk/fail-next`, async (ctx) => {
    const body = (await readJson(ctx.req)) as { count?: unknown };
    const count = body.count === undefined ? 1 : Number(body.count);
    if (!Number.isInteger(count) || count < 0) throw controlError(400, 'count must be a whole number >= 0');
    armFailures(orgParam(emu, ctx), count);
    sendJson(ctx.res, 200, { ok: true });
  });
}
