/**
 * How many CDC full loads one worker process runs at once. A worker that takes hundreds of
 * subscriptions at once (its fair share at start) would otherwise start hundreds of loads, whose
 * transactions take every pooled connection: REST polls and the scheduler's tick then failed with
 * "Unable to start a transaction" (pnpm sim:scale, docs/decisions/026). A subscription whose copy
 * is loaded (a takeover) needs no slot, so failover is not slowed.
 */
export const CDC_LOADS_AT_ONCE = 4;

/**
 * How many CDC batches one worker process commits at once. A thousand subscriptions receiving an
 * event each would otherwise open a thousand transactions on a pool of ~10 connections; those
 * waiting past Prisma's 2 s for one failed ("Unable to start a transaction in the given time",
 * P2028), counting against the breaker (decision 024). Loads and applies together stay under the
 * smallest pool we run with (4 in tests, 10 by default), leaving connections for leases and runs.
 * Over Pub/Sub a batch waiting here only delays asking for more: the stream waits, not memory.
 */
export const CDC_APPLIES_AT_ONCE = 3;

/** Runs `work` in one of `size` slots; resolves 'stopped' if `signal` aborts while waiting. */
export type InSlot = <T>(signal: AbortSignal | undefined, work: () => Promise<T>) => Promise<T | 'stopped'>;

/** A per-process queue of `size` slots: the rest wait their turn, first come, first served. */
export function slots(size: number): InSlot {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (signal, work) => {
    if (running >= size) {
      const admitted = await new Promise<boolean>((resolve) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        };
        const onAbort = () => {
          waiting.splice(waiting.indexOf(wake), 1);
          resolve(false);
        };
        waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      if (!admitted) return 'stopped';
    } else {
      running += 1;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line (running stays counted), or frees.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

export const inLoadSlot = slots(CDC_LOADS_AT_ONCE);
export const inApplySlot = slots(CDC_APPLIES_AT_ONCE);
