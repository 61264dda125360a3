import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Db = PrismaClient;

/**
 * Server-side bounds on every connection of the product's pool, so one stuck statement, lock
 * wait or abandoned transaction cannot hold a pooled connection (and the workers waiting for it)
 * for ever. Migrations run on their own connection (migrate.ts) and are not bound by these.
 */
export interface DbTimeouts {
  /** Longest single statement. Page commits and sweeps take seconds; two minutes is a bug. */
  statementTimeoutMs: number;
  /**
   * Longest wait for a lock (rows, tables, advisory locks). Above the token refresh's own 30 s
   * transaction, whose advisory lock other processes queue for.
   */
  lockTimeoutMs: number;
  /** A transaction left open without a statement this long is ended by the server. */
  idleInTransactionTimeoutMs: number;
  /**
   * Prisma's own bound on an interactive transaction (its default is 5 s), and how long one waits
   * for a pooled connection (default 2 s). On a busy host a page commit or the OAuth callback's
   * saveConnection outlasted 5 s and failed at commit ("expired transaction", pnpm sim:scale,
   * decision 026); nothing in such a transaction waits on Salesforce, so the server's
   * statement/idle bounds above are the real guard and these only need to sit inside them.
   */
  transactionTimeoutMs: number;
  transactionMaxWaitMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = {
  statementTimeoutMs: 120_000,
  lockTimeoutMs: 60_000,
  idleInTransactionTimeoutMs: 60_000,
  transactionTimeoutMs: 60_000,
  transactionMaxWaitMs: 15_000,
};

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The pg pool under a client from createDb (same connections, same timeouts), for the few reads
 * whose result is large: Prisma's raw query path costs about 4 ms more than pg for each 600 kB of
 * text it returns (a records page built by PostgreSQL, decision 021). Values come back as pg
 * parses them (int8 as a string, timestamptz as a Date).
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('poolOf: this client was not made by createDb');
  return pool;
}

/** One Prisma client over a pg pool; the process keeps one and closes it at shutdown. */
export function createDb(
  databaseUrl: string,
  options: { max?: number; timeouts?: Partial<DbTimeouts> } = {},
): Db {
  const timeouts = { ...DEFAULT_DB_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    // Sent as startup parameters: they hold for the whole session, inside transactions too.
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
  });
  // The client's $disconnect ends the pool, as when the adapter made it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    transactionOptions: { timeout: timeouts.transactionTimeoutMs, maxWait: timeouts.transactionMaxWaitMs },
  });
  pools.set(client, pool);
  return client;
}
