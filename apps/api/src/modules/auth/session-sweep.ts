import type { Deps } from '../../deps.ts';
import { pruneLoginThrottle } from './login-throttle.ts';

const EVERY_MS = 15 * 60_000;

/** Deletes sessions past their lifetime or idle limit, and login-throttle rows nothing needs. */
export async function sweepSessions({ db, env }: Pick<Deps, 'db' | 'env'>): Promise<number> {
  const now = Date.now();
  const { count } = await db.session.deleteMany({
    where: {
      OR: [
        { expiresAt: { lte: new Date(now) } },
        { lastSeenAt: { lt: new Date(now - env.SESSION_IDLE_MINUTES * 60_000) } },
      ],
    },
  });
  await pruneLoginThrottle(db);
  return count;
}

/**
 * Runs the sweep at start and then periodically. Every API process may run it: the deletes are
 * idempotent, so no coordination is needed. Expired sessions already open nothing (the session
 * middleware checks both limits); the sweep keeps the table from growing.
 */
export function startSessionSweep(deps: Pick<Deps, 'db' | 'env' | 'logger'>, everyMs = EVERY_MS) {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = sweepSessions(deps).then(
      (deleted) => {
        if (deleted > 0) deps.logger.info({ deleted }, 'expired sessions deleted');
      },
      (error: unknown) => deps.logger.warn({ err: error }, 'session sweep failed'),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    /** Resolves when the run in progress (if any) is done. */
    settled: () => running,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
