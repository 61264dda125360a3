import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import path from 'node:path';

export interface WorkerProcess {
  /** The CDC worker id (leases and CDC runs). */
  id: string;
  /** How REST runs name it: run-history's WORKER_ID of that process. */
  restWorker: string;
  child: ChildProcess;
  /** When it was killed (ms), for the runs it left unfinished. */
  killedAt?: number;
}

const ENTRY = path.join(import.meta.dirname, 'worker-entry.ts');

/** Forks a worker process running the engine and waits (bounded) for it to be ready. */
export async function forkWorker(id: string, env: Record<string, string>): Promise<WorkerProcess> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, WORKER_ID: id },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Booting through tsx takes seconds, far longer on a loaded machine: the bound only catches a
  // worker that will never be ready, which is then killed so that no orphan outlives the test.
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id} was not ready within 60 s`)), 60_000);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`${id} exited with ${code} before it was ready`)));
  });
  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { id, restWorker: `${hostname()}:${child.pid}`, child };
}

/** SIGKILL: no stop, no lease release, runs left RUNNING, as when a machine dies. */
export async function killWorker(worker: WorkerProcess): Promise<void> {
  const exited = once(worker.child, 'exit');
  worker.child.kill('SIGKILL');
  await exited;
  worker.killedAt = Date.now();
}

/** SIGTERM and wait (bounded): the engine stops cleanly; killed outright if it hangs. */
export async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = once(worker.child, 'exit');
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
