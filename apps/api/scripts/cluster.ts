// `pnpm start:cluster [workers]`: the production process layout on one machine, without
// containers: one API (ROLE=api) and N workers (ROLE=worker, default 2, or CLUSTER_WORKERS) as
// separate processes on one PostgreSQL (the embedded one under DATA_DIR unless DATABASE_URL is
// set) and, with no connected app configured, one Salesforce emulator they all share. Each
// process's lines are prefixed with its name; Ctrl-C or SIGTERM stops them all, then the rest.
import path from 'node:path';
import { ROOT, startShared } from './cluster/launch.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const workers = Number(process.argv[2] ?? process.env.CLUSTER_WORKERS ?? 2);
if (!Number.isInteger(workers) || workers < 1 || workers > 32) {
  console.error('start:cluster: the number of workers must be 1 to 32 (argument or CLUSTER_WORKERS)');
  process.exit(1);
}
const cluster = await startShared({
  env: process.env,
  dataDir: path.resolve(ROOT, process.env.DATA_DIR ?? '.data'),
  persistent: true,
});
// The embedded server registers exit hooks that stop it at once on a signal; ours stops it last.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`[cluster] ${signal}: stopping every process`);
  await cluster.stop();
  say('[cluster] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

cluster.start('api', 'api');
for (let i = 1; i <= workers; i++) cluster.start(`worker-${i}`, 'worker');
say(`[cluster] one API and ${workers} worker(s) starting; Ctrl-C stops them all`);
// A process that dies on its own is reported (its line is printed) but not restarted: an
// orchestrator's job, which this stands in for only so far.
