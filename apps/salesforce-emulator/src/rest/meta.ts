import type { Emulator } from '../core/emulator.ts';
import { sendJson } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { authed } from './gate.ts';

const RELEASES: [string, string][] = [
  ['58.0', "Summer '23"],
  ['59.0', "Winter '24"],
  ['60.0', "Spring '24"],
  ['61.0', "Summer '24"],
  ['62.0', "Winter '25"],
  ['63.0', "Spring '25"],
];

/** Versions list, the per-version resource map (jsforce reads `identity` from it) and limits. */
export function registerMeta(router: Router, emu: Emulator): void {
  router.on('GET', '/services/data', ({ res }) =>
    sendJson(
      res,
      200,
      RELEASES.map(([version, label]) => ({ label, url: `/services/data/v${version}`, version })),
    ),
  );

  router.on(
    'GET',
    '/services/data/:version',
    authed(emu, ({ res }, s) => {
      const v = `/services/data/v${s.version}`;
      sendJson(res, 200, {
        tooling: `${v}/tooling`,
        query: `${v}/query`,
        queryAll: `${v}/queryAll`,
        sobjects: `${v}/sobjects`,
        limits: `${v}/limits`,
        composite: `${v}/composite`,
        identity: `${emu.publicUrl}/id/${s.org.id}/${s.user.id}`,
      });
    }),
  );

  router.on(
    'GET',
    '/services/data/:version/limits',
    authed(emu, ({ res }, s) => {
      const usage = emu.apiUsage(s.org);
      const limit = (max: number, remaining = max) => ({ Max: max, Remaining: remaining });
      sendJson(res, 200, {
        DailyApiRequests: limit(usage.max, Math.max(0, usage.max - usage.used)),
        DailyAsyncApexExecutions: limit(250000),
        DailyBulkApiBatches: limit(15000),
        DailyBulkV2QueryJobs: limit(10000),
        DailyDurableStreamingApiEvents: limit(1000000),
        DataStorageMB: limit(1024, 1000),
        FileStorageMB: limit(20480, 20000),
        MonthlyPlatformEventsUsageEntitlement: limit(0),
        SingleEmailMessages: limit(5000),
      });
    }),
  );
}
