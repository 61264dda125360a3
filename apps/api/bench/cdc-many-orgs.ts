// 1,000 organizations' CDC syncs held by one worker process, for `pnpm bench:sync`.
//
// Method. Every organization is connected to the emulator's Acme org (a copy of the bench org's
// token, account and feature flag, written in SQL: 1,000 OAuth sign-ins would measure the sign-in)
// with its Lead sync on CDC, already loaded, so the supervisor goes straight to subscribing. One
// supervisor (this process, cap raised to hold them all) subscribes all of them; then Leads change
// at the emulator, every change reaching every organization's subscription. Reported: the time to
// subscribe them all, connections open (gRPC channels; streams at the emulator), peak RSS sampled
// every 100 ms (the worker's own when the emulator runs in a process of its own, as `pnpm bench:cdc`
// runs it; an upper bound otherwise), and applied events/s; every organization must apply every
// event exactly once.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { openPubSubChannels, STREAMS_PER_CHANNEL } from '@ch/salesforce';
import { startCdcSupervisor } from '../src/sync/cdc/supervisor.ts';
import { cloneOrganizations } from '../test/clone-organizations.ts';
import { print, type startBench } from './harness.ts';

type Bench = Awaited<ReturnType<typeof startBench>>;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

// Salesforce's "Pub/Sub API and Event Allocations": a gRPC channel can have at most 100 concurrent
// streams on its HTTP/2 connection, so the client opens a channel per 90 subscriptions.
const ALLOCATIONS = 'developer.salesforce.com/docs/platform/pub-sub-api/guide/allocations.html';

export async function benchManyOrgs(
  bench: Bench,
  orgs: number,
  changes: number,
  emulatorApart = false,
): Promise<void> {
  const { deps } = bench;
  const control = bench.emulator.control;
  const syncIds = await cloneOrganizations(deps.db, bench.organizationId, orgs, 'Bench CDC');
  // The bench's own bookkeeping stays a few numbers per organization (no list of replay ids), so
  // that the memory printed is the worker's. Only Lead events exist at the emulator while this
  // runs, so strictly rising replay ids, as many as there are events, from the first to the last,
  // are every event exactly once and in order.
  const seen = new Map<string, { count: number; first: number; last: number; rising: boolean }>();
  let peakRss = process.memoryUsage().rss;
  let atPeak = process.memoryUsage();
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peakRss) [peakRss, atPeak] = [now.rss, now];
  }, 100);
  const started = performance.now();
  const supervisor = startCdcSupervisor(deps, {
    workerId: 'bench-many',
    tickMs: 500,
    maxLeases: orgs + 10,
    onApplied: (syncId, events) => {
      if (!syncIds.has(syncId)) return;
      for (const { replayId } of events) {
        const mark = seen.get(syncId);
        if (!mark) seen.set(syncId, { count: 1, first: replayId, last: replayId, rising: true });
        else {
          mark.rising &&= replayId > mark.last;
          mark.count += 1;
          mark.last = replayId;
        }
      }
    },
  });
  try {
    await until('every subscription live', async () => (await control.pubSubStreams()) >= orgs, 600_000);
    const subscribedMs = performance.now() - started;
    const subscribedMemory = process.memoryUsage();
    const streams = await control.pubSubStreams();
    const lead = (await control.createRecords('acme', 'Lead', [{ LastName: 'Many', Company: 'Bench' }]))
      .results[0]!.id!;
    const sent = performance.now();
    // One Salesforce transaction each, back to back: what is measured is how fast they are applied.
    for (let i = 0; i < changes; i++)
      await control.updateRecords('acme', 'Lead', [{ Id: lead, Title: `m${i}` }]);
    // Run before any other Lead change (sync.ts runs it first): these are all the Lead events.
    const wanted = (await control.events('acme')).filter((e) => e.entity === 'Lead').map((e) => e.replayId);
    const complete = () => [...syncIds].every((id) => (seen.get(id)?.count ?? 0) >= wanted.length);
    await until('every event applied everywhere', complete, 600_000);
    const appliedMs = performance.now() - sent;
    const once = (id: string) => {
      const mark = seen.get(id);
      return (
        !!mark &&
        mark.rising &&
        mark.count === wanted.length &&
        mark.first === wanted[0] &&
        mark.last === wanted.at(-1)
      );
    };
    const exact = [...syncIds].filter(once).length;
    const total = [...seen.values()].reduce((n, mark) => n + mark.count, 0);
    // Garbage or kept? A full collection (with --expose-gc) while every subscription is still held.
    const applied = process.memoryUsage();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const collected = process.memoryUsage();
    print(`\nCDC over Pub/Sub, ${orgs.toLocaleString('en-US')} organizations held by one worker process:`);
    print(
      `  all subscribed in ${(subscribedMs / 1000).toFixed(1)} s; connections open: ${openPubSubChannels()} gRPC channels (at most 100 streams each, per ${ALLOCATIONS}; one per ${STREAMS_PER_CHANNEL} subscriptions), ${streams} streams at the emulator; RSS then ${mb(subscribedMemory.rss)} MB, JS heap ${mb(subscribedMemory.heapUsed)} MB`,
    );
    print(
      `  ${wanted.length} Lead events x ${orgs} organizations = ${total.toLocaleString('en-US')} applied in ${(appliedMs / 1000).toFixed(1)} s = ${Math.round(total / (appliedMs / 1000)).toLocaleString('en-US')} events/s`,
    );
    print(`  every event applied exactly once, in order: ${exact} of ${orgs} organizations (target: all)`);
    print(
      `  peak RSS of the worker process ${Math.round(peakRss / 1024 / 1024)} MB, ${emulatorApart ? 'the emulator in a process of its own' : 'emulator included'} (target: < 512 MB; JS heap limit ${mb(v8.getHeapStatistics().heap_size_limit)} MB); at the peak: JS heap ${mb(atPeak.heapUsed)} of ${mb(atPeak.heapTotal)} MB, buffers ${mb(atPeak.arrayBuffers)} MB; once applied: RSS ${mb(applied.rss)} MB, JS heap ${mb(applied.heapUsed)} MB, buffers ${mb(applied.arrayBuffers)} MB`,
    );
    print(
      gc
        ? `  after a full GC, every subscription still held: RSS ${mb(collected.rss)} MB, JS heap ${mb(collected.heapUsed)} of ${mb(collected.heapTotal)} MB, buffers ${mb(collected.arrayBuffers)} MB`
        : '  (run node with --expose-gc to see what a full GC leaves)',
    );
  } finally {
    clearInterval(sampler);
    await supervisor.stop();
  }
}
