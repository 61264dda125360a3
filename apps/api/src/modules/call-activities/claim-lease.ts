import type { Deps } from '../../deps.ts';
import { renewClaim } from './outbox.ts';

/**
 * Keeps a claim's lease alive while its rows are being sent: renewed every third of the lease,
 * so another worker can take the rows only if this one stops (dies, stalls, loses the database)
 * for a whole lease. Once fewer rows than claimed are still ours, `signal` aborts: nothing more
 * is sent for them, and the outcomes already on their way are fenced off by the token.
 */
export function keepClaim(deps: Deps, token: string, rowCount: number, leaseMs: number) {
  const controller = new AbortController();
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = renewClaim(deps.db, token, leaseMs).then(
        (held) => {
          if (held < rowCount) controller.abort();
        },
        (error: unknown) => deps.logger.warn({ err: error }, 'call activity lease renewal failed'),
      );
    },
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  return {
    signal: controller.signal,
    async release() {
      clearInterval(timer);
      await renewing;
    },
  };
}
