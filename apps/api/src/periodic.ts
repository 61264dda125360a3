import type { Logger } from 'pino';

export interface Periodic {
  /** Resolves when the run in progress (if any) is done. */
  settled(): Promise<void>;
  /** No further runs; resolves when the one in progress is done. */
  stop(): Promise<void>;
  /** True once stop() was called: a long run checks it between its steps. */
  readonly stopping: boolean;
}

/**
 * Runs housekeeping at start and then every `everyMs`, never two at once in this process (a run
 * still going when the timer fires is left to finish, the tick skipped). A failure is logged and
 * the next tick tries again. The timer does not keep the process alive.
 */
export function startPeriodic(
  name: string,
  work: (self: Periodic) => Promise<void>,
  { everyMs, logger }: { everyMs: number; logger: Logger },
): Periodic {
  let running: Promise<void> | undefined;
  let stopping = false;
  const self: Periodic = {
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
  };
  const run = () => {
    if (running || stopping) return;
    running = work(self)
      .catch((error: unknown) => logger.warn({ err: error }, `${name} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return self;
}
