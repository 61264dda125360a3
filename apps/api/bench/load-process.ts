// One full load (runPoll) in a process of its own, so that its peak RSS is the load's alone: the
// benchmark's process keeps what earlier loads and the COPY baselines left on its heap, and an RSS
// does not fall back. Run by bench/bulk.ts with BENCH_LOAD (JSON: a BenchTarget, the sync's id and
// the Bulk threshold); prints one JSON line: the load's wall time and the process's peak RSS.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { WORKER_V8_FLAGS } from '../scripts/cluster/worker-node-options.ts';
import { runPoll } from '../src/sync/run-poll.ts';
import { type BenchTarget, benchDeps } from './load-deps.ts';

interface LoadRequest extends BenchTarget {
  syncId: string;
  bulkThreshold: number;
}

export interface LoadResult {
  ms: number;
  /** The child's RSS once its code was loaded, before the load began. */
  startRss: number;
  /** Its high-water mark (getrusage's maxrss) when the load ended. */
  peakRss: number;
}

/** Runs the load in a child process and returns what it measured. */
export async function loadInChild(request: LoadRequest): Promise<LoadResult> {
  // A production worker's heap settings, unless BENCH_LOAD_NODE_OPTIONS gives the load's node
  // flags of its own (another bound, --cpu-prof, --trace-gc), to study it.
  const flags = (process.env.BENCH_LOAD_NODE_OPTIONS ?? WORKER_V8_FLAGS.join(' ')).split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', new URL(import.meta.url).pathname], {
    env: { ...process.env, BENCH_LOAD: JSON.stringify(request) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the load's process exited with ${code}: ${out}`);
  const lines = out.trim().split('\n');
  // What node printed before the result (e.g. --trace-gc's lines) is passed on for study.
  if (lines.length > 1) process.stderr.write(`${lines.slice(0, -1).join('\n')}\n`);
  return JSON.parse(lines.at(-1)!) as LoadResult;
}

if (process.env.BENCH_LOAD) {
  const request = JSON.parse(process.env.BENCH_LOAD) as LoadRequest;
  const deps = benchDeps(request);
  await deps.db.$queryRaw`SELECT 1`;
  const startRss = process.memoryUsage().rss;
  const started = performance.now();
  await runPoll(
    { ...deps, env: { ...deps.env, SYNC_BULK_THRESHOLD: request.bulkThreshold } },
    request.syncId,
  );
  const ms = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  await deps.db.$disconnect();
  // Exits at once: timers of the engine's metrics would otherwise keep the process alive.
  process.stdout.write(`${JSON.stringify({ ms, startRss, peakRss } satisfies LoadResult)}\n`, () =>
    process.exit(0),
  );
}
