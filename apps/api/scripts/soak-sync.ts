// pnpm soak:sync — the fidelity scenario (test/fidelity/scenario.ts) for many more seeds and
// longer mixes than the test command runs, on a throwaway database. Bounded in count and time.
// SOAK_SEEDS (default 100), SOAK_FROM (first seed, default 1000), SOAK_CHANGES (per phase, 40),
// SOAK_MINUTES (default 10). Replay one: SOAK_FROM=<seed> SOAK_SEEDS=1 SOAK_CHANGES=<n>.
import { pino } from 'pino';
import { print, startBench } from '../bench/harness.ts';
import { runScenario } from '../test/fidelity/scenario.ts';

const count = Number(process.env.SOAK_SEEDS ?? 100);
const from = Number(process.env.SOAK_FROM ?? 1000);
const changesPerPhase = Number(process.env.SOAK_CHANGES ?? 40);
const until = Date.now() + Number(process.env.SOAK_MINUTES ?? 10) * 60_000;

const bench = await startBench();
// Injected faults log warnings by design: only errors would mean something here.
const deps = { ...bench.deps, logger: pino({ level: 'error' }) };
const failed: number[] = [];
const times: number[] = [];
try {
  print(`Soak: up to ${count} seeds from ${from}, ${changesPerPhase} changes per phase, two phases each`);
  for (let seed = from; seed < from + count && Date.now() < until; seed++) {
    const result = await runScenario(deps, bench.databaseUrl, seed, { changesPerPhase });
    times.push(result.ms);
    if (result.differences.length === 0) {
      print(`seed ${seed}: ok in ${result.ms} ms`);
      continue;
    }
    failed.push(seed);
    print(`seed ${seed}: FAILED after phase ${result.phase} (${result.differences.length} differences)`);
    for (const line of result.differences.slice(0, 5)) print(`    ${line}`);
    print(`  changes and faults:\n    ${result.log.join('\n    ')}`);
  }
} finally {
  await bench.stop();
}
const sorted = [...times].sort((a, b) => a - b);
print(
  `\n${times.length} seeds, ${times.length - failed.length} converged, ${failed.length} failed` +
    `${failed.length ? ` (seeds ${failed.join(', ')})` : ''}; per seed p50 ${sorted[Math.floor(sorted.length / 2)] ?? 0} ms, max ${sorted.at(-1) ?? 0} ms`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
