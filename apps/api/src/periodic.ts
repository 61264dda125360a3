import type { Logger } from 'pino';

export interface Periodic<T = void> {
  /** Resolves when the run in progress (if any) is done. */
  settled(): Promise<void>;
  /** No further runs; resolves when the one in progress is done. */
  stop(): Promise<void>;
  /** True once stop() was called: a long run checks it between its steps. */
  readonly stopping: boolean;
  /**
   * A run now, outside the timer: its result, or undefined when skipped (a run still going in this
   * process, or stopping). Its failure is thrown here as well as logged.
   */
  runNow(): Promise<T | undefined>;
}

/**
 * Runs periodic work (housekeeping, the sync scheduler's tick) at start (unless `atStart` is
 * false) and then every `everyMs`, never two at once in this process: a run still going when the
 * timer fires, or when runNow() is called, is left to finish and the new one skipped. A failure is
 * logged and the next tick tries again. The timer does not keep the process alive.
 */
export function startPeriodic<T = void>(
  name: string,
  work: (self: Periodic<T>) => Promise<T>,
  { everyMs, logger, atStart = true }: { everyMs: number; logger: Logger; atStart?: boolean },
): Periodic<T> {
  let running: Promise<void> | undefined;
  let stopping = false;
  const run = (): Promise<T> | undefined => {
    if (running || stopping) return undefined;
    const result = work(self);
    running = result
      .then(
        () => undefined,
        (error: unknown) => logger.warn({ err: error }, `${name} failed`),
      )
      .finally(() => {
        running = undefined;
      });
    return result;
  };
  const self: Periodic<T> = {
    settled: async () => {
      await running;
    },
    async stop() {
      stopping = true;
      clearInterval(timer);
      await running;
    },
    get stopping() {
      return stopping;
    },
    runNow: async () => run(),
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  if (atStart) run();
  return self;
}
