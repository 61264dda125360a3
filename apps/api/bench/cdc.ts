// The CDC part of `pnpm bench:sync`, also runnable alone: `pnpm bench:cdc`. Prints figures;
// asserts nothing. BENCH_CDC_ORGS (1,000), BENCH_CDC_ORG_CHANGES (20), BENCH_CDC_CHANGES (10,000)
// and BENCH_CDC_RATE (500/s) size it.
import { benchCdcLatency } from './cdc-latency.ts';
import { benchManyOrgs } from './cdc-many-orgs.ts';
import { emulatorProcess } from './emulator-process.ts';
import { print, startBench } from './harness.ts';

type Bench = Awaited<ReturnType<typeof startBench>>;

export async function benchCdc(
  bench: Bench,
  options: { changes: number; rate: number; emulatorApart?: boolean },
): Promise<void> {
  const orgs = Number(process.env.BENCH_CDC_ORGS ?? 1_000);
  // First, while the Lead topic is empty: every organization replays exactly the events made here.
  await benchManyOrgs(bench, orgs, Number(process.env.BENCH_CDC_ORG_CHANGES ?? 20), options.emulatorApart);
  // The many organizations let go of their leases: only the bench org's Lead sync runs from here.
  await bench.deps.db.objectSync.updateMany({
    where: { organizationId: { not: bench.organizationId } },
    data: { enabled: false },
  });
  for (const transport of ['pubsub', 'cometd'] as const) {
    await benchCdcLatency(bench, options.changes, options.rate, transport);
  }
}

if (import.meta.main) {
  // The emulator in a process of its own: the peak RSS printed is the worker's alone.
  const bench = await startBench({ emulator: emulatorProcess });
  try {
    print(
      `CDC benchmark (load average ${(await import('node:os'))
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')})`,
    );
    await benchCdc(bench, {
      changes: Number(process.env.BENCH_CDC_CHANGES ?? 10_000),
      rate: Number(process.env.BENCH_CDC_RATE ?? 500),
      emulatorApart: true,
    });
  } finally {
    await bench.stop();
  }
}
