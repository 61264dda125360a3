/**
 * The V8 heap settings a worker process runs with: the production compose file's NODE_OPTIONS,
 * `pnpm start:cluster`'s workers (launch.ts), `pnpm bench:cdc`'s worker and the full loads of
 * `pnpm bench:sync` (bench/load-process.ts) all use these, so what the benchmarks measure is what
 * production runs (test/worker-node-options.test.ts holds the compose file and package.json to them).
 *
 * - `--max-old-space-size=320`: unbounded, V8 sizes the old generation from the machine's memory
 *   and lets garbage pile up far past the live set (decision 024: 559 MB RSS for ~100 MB kept).
 * - `--max-semi-space-size=16`: the young generation. V8's default on a large machine is bigger;
 *   a full load allocates a page's records, JSON and statement parameters and drops them a moment
 *   later, and every megabyte of semi-space is resident. 16 MB kept a million-record Bulk load's
 *   peak RSS at 260-270 MB instead of 340 MB (old generation bounded alone) or 508 MB (neither),
 *   at the same speed (decision 016, session 9).
 */
export const WORKER_V8_FLAGS = ['--max-old-space-size=320', '--max-semi-space-size=16'] as const;

/** `options` (a NODE_OPTIONS value) with each worker flag it does not already set appended. */
export function withWorkerV8Flags(options: string): string {
  const missing = WORKER_V8_FLAGS.filter((flag) => !options.includes(flag.split('=')[0]!));
  return [options, ...missing].join(' ').trim();
}
