/**
 * How many CDC full loads one worker process runs at once. A worker that takes hundreds of
 * subscriptions at once (its fair share at start) would otherwise start hundreds of loads, whose
 * transactions take every pooled connection: REST polls and the scheduler's tick then failed with
 * "Unable to start a transaction" (pnpm sim:scale, docs/decisions/026). A subscription whose copy
 * is loaded (a takeover) needs no slot, so failover is not slowed.
 */
export const CDC_LOADS_AT_ONCE = 4;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` in one of the process's load slots; resolves 'stopped' if `signal` aborts while waiting. */
export async function inLoadSlot<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T | 'stopped'> {
  if (running >= CDC_LOADS_AT_ONCE) {
    const admitted = await new Promise<boolean>((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      const onAbort = () => {
        waiting.splice(waiting.indexOf(wake), 1);
        resolve(false);
      };
      waiting.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
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
}
