import type { Db } from '@ch/db';

/**
 * How many attempts each key allows before it locks, and whether a known address may pass its
 * lock. Design and numbers: docs/decisions/005-login-throttle.md.
 */
export const ALLOWANCE = {
  /** One account from one address: guessing one password. */
  pair: 5,
  /** One account from every address: a distributed guess. Waived for an address that logged in. */
  account: 20,
  /** One address against every account: password spraying. */
  address: 50,
} as const;
/** The first lock; each attempt past the allowance doubles it, up to MAX_DELAY_S. */
export const BASE_DELAY_S = 30;
export const MAX_DELAY_S = 3_600;
/** Counts start over after a day with no failure. */
const QUIET = '1 day';
/** An address that logged in to an account within this long is known to it. */
const KNOWN_FOR = '30 days';

export interface Attempt {
  email: string;
  address: string;
}

export type Reservation = { ok: true } | { ok: false; retryAfterSeconds: number };

const keysOf = ({ email, address }: Attempt) => ({
  pair: `pair:${email}|${address}`,
  account: `account:${email}`,
  address: `address:${address}`,
});

/**
 * Reserves one attempt on every key before the password is checked, or refuses when a key is
 * locked. Row locks (taken in key order, so two attempts cannot deadlock) serialize concurrent
 * attempts on a key: however many arrive at once, at most the allowance get through, then the
 * one that reaches it sets the lock for all that follow. A reservation stays counted as a
 * failure unless `release` is called after a successful login.
 */
export async function reserveAttempt(db: Db, attempt: Attempt): Promise<Reservation> {
  const keys = keysOf(attempt);
  const list = [keys.pair, keys.account, keys.address];
  const allowances = [ALLOWANCE.pair, ALLOWANCE.account, ALLOWANCE.address];
  const waivable = [false, true, false];
  // Rows must exist (and be committed) before the statement below takes its snapshot.
  await db.$executeRaw`
    INSERT INTO "LoginThrottle" (key) SELECT unnest(${list}::text[]) ON CONFLICT (key) DO NOTHING`;
  const [row] = await db.$queryRaw<{ lockedUntil: Date | null; retryAfter: number | null }[]>`
    WITH clock AS MATERIALIZED (SELECT (now() AT TIME ZONE 'UTC')::timestamp(3) AS t),
    input AS (
      SELECT * FROM unnest(${list}::text[], ${allowances}::int[], ${waivable}::boolean[])
        AS i(key, allowance, waivable)
    ),
    held AS MATERIALIZED (
      SELECT l.* FROM "LoginThrottle" l WHERE l.key = ANY(${list}::text[]) ORDER BY l.key FOR UPDATE
    ),
    known AS (
      SELECT EXISTS (
        SELECT 1 FROM held, clock
        WHERE held.key = ${keys.pair} AND held."lastSuccessAt" > clock.t - ${KNOWN_FOR}::interval
      ) AS yes
    ),
    verdict AS (
      SELECT max(h."lockedUntil") AS until
      FROM held h JOIN input i USING (key), clock, known
      WHERE h."lockedUntil" > clock.t AND NOT (i.waivable AND known.yes)
    ),
    counted AS (
      SELECT h.key, i.allowance,
        CASE WHEN h."lastFailureAt" < clock.t - ${QUIET}::interval THEN 1 ELSE h.failures + 1 END AS failures
      FROM held h JOIN input i USING (key), clock
    ),
    reserved AS (
      UPDATE "LoginThrottle" l SET
        failures = c.failures,
        "lastFailureAt" = clock.t,
        "lockedUntil" = CASE WHEN c.failures >= c.allowance
          THEN clock.t + make_interval(secs => least(
            ${BASE_DELAY_S}::float8 * power(2, c.failures - c.allowance), ${MAX_DELAY_S}::float8))
          ELSE l."lockedUntil" END
      FROM counted c, clock, verdict
      WHERE l.key = c.key AND verdict.until IS NULL
      RETURNING l.key
    )
    SELECT v.until AS "lockedUntil",
      ceil(extract(epoch FROM v.until - clock.t))::int AS "retryAfter"
    FROM verdict v, clock`;
  if (!row?.lockedUntil) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, row.retryAfter ?? 1) };
}

/**
 * After a successful login: the pair starts over and becomes known; the account and the address
 * give back this one attempt (and lose a lock that the remaining count no longer earns).
 */
export async function releaseAttempt(db: Db, attempt: Attempt): Promise<void> {
  const keys = keysOf(attempt);
  await db.$executeRaw`
    WITH input AS (
      SELECT * FROM unnest(
        ${[keys.account, keys.address]}::text[], ${[ALLOWANCE.account, ALLOWANCE.address]}::int[]
      ) AS i(key, allowance)
    ),
    pair AS (
      UPDATE "LoginThrottle" SET failures = 0, "lockedUntil" = NULL,
        "lastSuccessAt" = (now() AT TIME ZONE 'UTC')::timestamp(3)
      WHERE key = ${keys.pair}
    )
    UPDATE "LoginThrottle" l SET
      failures = greatest(l.failures - 1, 0),
      "lockedUntil" = CASE WHEN l.failures - 1 < i.allowance THEN NULL ELSE l."lockedUntil" END
    FROM input i WHERE l.key = i.key`;
}

/** Rows with nothing left to remember: no recent failure, no lock, not a known address. */
export async function pruneLoginThrottle(db: Db): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "LoginThrottle"
    WHERE coalesce("lastFailureAt", '-infinity') < (now() AT TIME ZONE 'UTC') - ${QUIET}::interval
      AND coalesce("lockedUntil", '-infinity') < (now() AT TIME ZONE 'UTC')
      AND coalesce("lastSuccessAt", '-infinity') < (now() AT TIME ZONE 'UTC') - ${KNOWN_FOR}::interval`;
}
