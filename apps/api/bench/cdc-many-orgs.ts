// 1,000 organizations' CDC syncs held by one worker process, for `pnpm bench:sync`.
//
// Method. Every organization is connected to the emulator's Acme org (a copy of the bench org's
// token, account and feature flag, written in SQL: 1,000 OAuth sign-ins would measure the sign-in)
// with its Lead sync on CDC, already loaded, so the supervisor goes straight to subscribing. One
// supervisor (this process, cap raised to hold them all) subscribes all of them; then Leads change
// at the emulator, every change reaching every organization's subscription. Reported: the time to
// subscribe them all, connections open (gRPC channels; streams at the emulator), peak RSS sampled
// every 100 ms (this process also runs the emulator, so it is an upper bound for the worker), and
// applied events/s; every organization must apply every event exactly once.
import { performance } from 'node:perf_hooks';
import { openPubSubChannels } from '@ch/salesforce';
import { startCdcSupervisor } from '../src/sync/cdc/supervisor.ts';
import { print, type startBench } from './harness.ts';

type Bench = Awaited<ReturnType<typeof startBench>>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

/** `count` more organizations on the bench org's Salesforce connection, each with a loaded Lead CDC sync. */
async function cloneOrganizations(bench: Bench, count: number): Promise<void> {
  const { db } = bench.deps;
  await db.$executeRaw`
    WITH orgs AS (
      INSERT INTO "Organization" (id, name)
      SELECT gen_random_uuid(), 'Bench CDC ' || n FROM generate_series(1, ${count}::int) n
      RETURNING id),
    flags AS (
      INSERT INTO "FeatureFlag" ("organizationId", key, enabled, "updatedAt")
      SELECT id, 'integrations', true, now() FROM orgs),
    tokens AS (
      INSERT INTO "OAuthToken" (id, "organizationId", provider, "accessTokenEnc", "refreshTokenEnc",
        "instanceUrl", "loginUrl", scopes, status, "issuedAt", "updatedAt")
      SELECT gen_random_uuid(), orgs.id, t.provider, t."accessTokenEnc", t."refreshTokenEnc",
        t."instanceUrl", t."loginUrl", t.scopes, t.status, t."issuedAt", now()
      FROM orgs, "OAuthToken" t WHERE t."organizationId" = ${bench.organizationId}::uuid
      RETURNING id, "organizationId"),
    accounts AS (
      INSERT INTO "SalesforceAccount" (id, "organizationId", "tokenId", "instanceUrl", username,
        "salesforceOrgId", "salesforceUserId", "updatedAt")
      SELECT gen_random_uuid(), tokens."organizationId", tokens.id, a."instanceUrl", a.username,
        a."salesforceOrgId", a."salesforceUserId", now()
      FROM tokens, "SalesforceAccount" a WHERE a."organizationId" = ${bench.organizationId}::uuid)
    INSERT INTO "ObjectSync" (id, "organizationId", object, method, enabled, "fullLoadCompletedAt",
      "fullLoadStartedAt", "updatedAt")
    SELECT gen_random_uuid(), id, 'LEAD', 'CDC', true, now() AT TIME ZONE 'UTC',
      now() AT TIME ZONE 'UTC', now() FROM orgs`;
}

export async function benchManyOrgs(bench: Bench, orgs: number, changes: number): Promise<void> {
  const { deps } = bench;
  const control = bench.emulator.control;
  await cloneOrganizations(bench, orgs);
  const syncIds = new Set(
    (
      await deps.db.objectSync.findMany({ where: { organization: { name: { startsWith: 'Bench CDC ' } } } })
    ).map((s) => s.id),
  );
  const seen = new Map<string, number[]>();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  const supervisor = startCdcSupervisor(deps, {
    workerId: 'bench-many',
    tickMs: 500,
    maxLeases: orgs + 10,
    onApplied: (syncId, events) => {
      if (!syncIds.has(syncId)) return;
      const list = seen.get(syncId) ?? [];
      list.push(...events.map((e) => e.replayId));
      seen.set(syncId, list);
    },
  });
  try {
    await until('every subscription live', async () => (await control.pubSubStreams()) >= orgs, 600_000);
    const subscribedMs = performance.now() - started;
    const streams = await control.pubSubStreams();
    const lead = (await control.createRecords('acme', 'Lead', [{ LastName: 'Many', Company: 'Bench' }]))
      .results[0]!.id!;
    const sent = performance.now();
    // One Salesforce transaction each, back to back: what is measured is how fast they are applied.
    for (let i = 0; i < changes; i++)
      await control.updateRecords('acme', 'Lead', [{ Id: lead, Title: `m${i}` }]);
    // Run before any other Lead change (sync.ts runs it first): these are all the Lead events.
    const wanted = (await control.events('acme')).filter((e) => e.entity === 'Lead').map((e) => e.replayId);
    const complete = () => [...syncIds].every((id) => (seen.get(id)?.length ?? 0) >= wanted.length);
    await until('every event applied everywhere', complete, 600_000);
    const appliedMs = performance.now() - sent;
    const exact = [...syncIds].filter((id) => JSON.stringify(seen.get(id)) === JSON.stringify(wanted)).length;
    const total = [...seen.values()].reduce((n, list) => n + list.length, 0);
    print(`\nCDC over Pub/Sub, ${orgs.toLocaleString('en-US')} organizations held by one worker process:`);
    print(
      `  all subscribed in ${(subscribedMs / 1000).toFixed(1)} s; connections open: ${openPubSubChannels()} gRPC channel, ${streams} streams at the emulator`,
    );
    print(
      `  ${wanted.length} Lead events x ${orgs} organizations = ${total.toLocaleString('en-US')} applied in ${(appliedMs / 1000).toFixed(1)} s = ${Math.round(total / (appliedMs / 1000)).toLocaleString('en-US')} events/s`,
    );
    print(`  every event applied exactly once, in order: ${exact} of ${orgs} organizations (target: all)`);
    print(`  peak RSS ${Math.round(peakRss / 1024 / 1024)} MB, emulator included (target: < 512 MB)`);
  } finally {
    clearInterval(sampler);
    await supervisor.stop();
  }
}
