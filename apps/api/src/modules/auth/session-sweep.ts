import type { Deps } from '../../deps.ts';
import { startPeriodic } from '../../periodic.ts';
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
  return startPeriodic(
    'session sweep',
    async () => {
      const deleted = await sweepSessions(deps);
      if (deleted > 0) deps.logger.info({ deleted }, 'expired sessions deleted');
    },
    { everyMs, logger: deps.logger },
  );
}
