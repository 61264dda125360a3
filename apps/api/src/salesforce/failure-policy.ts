import { isSalesforceError } from '@ch/salesforce';

/**
 * The organization has no connection to use: never set up, disconnected, or waiting for the admin
 * to reconnect. Its own type, so a worker defers on it and a handler answers it (409), without
 * either reading some other error's code as "no connection".
 */
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
  constructor(
    readonly state: 'not_connected' | 'needs_reconnect',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one failure policy of REST polls, CDC and write-back (docs/decisions/012). Deferred, not
 * counted: what is not the work's fault and is shown elsewhere or heals by itself: no connection
 * (the connection card says so), a refused refresh token (`auth_revoked`: the connection is marked
 * for reconnect and the syncs paused), the quota (`rate_limited`: it recovers). Everything else is
 * counted, `auth_expired` included: nothing else tells the admin that Salesforce refused a token
 * it just refreshed, so the count (a sync's breaker, a call's attempts) is what surfaces it.
 */
export function isDeferral(error: unknown): boolean {
  if (error instanceof NotConnectedError) return true;
  return isSalesforceError(error) && (error.kind === 'rate_limited' || error.kind === 'auth_revoked');
}

/**
 * A failure as the admin reads it (a sync's last error, a call's last error): `<kind>: <message>`
 * for Salesforce's (they carry no secrets, and the web turns the kind into a sentence). A database
 * error's own text (table names, SQL, values) stays in the server log.
 */
export function failureMessage(error: unknown): string {
  if (isSalesforceError(error)) return `${error.kind}: ${error.message}`;
  if (error instanceof Error && error.name.startsWith('PrismaClient')) {
    return 'The local copy could not be updated because of a database error; the server log has the details.';
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The one back-off after a failure: exponential from `firstMs`, capped at `maxMs`, with jitter
 * between half and all of it so workers that failed together do not come back together.
 */
export function backoffMs(attempt: number, { firstMs, maxMs }: { firstMs: number; maxMs: number }): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
