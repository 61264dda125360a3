/**
 * The one error type callers of this package ever see. `kind` is what callers branch on; the
 * Salesforce error code and HTTP status are kept for logs. Messages are redacted before they
 * get here (see map-error.ts), so logging an error never leaks a token.
 */
export type SalesforceErrorKind =
  /** The access token expired and could not be refreshed (no refresh token or client credentials). */
  | 'auth_expired'
  /** Salesforce refused the refresh token or code (invalid_grant): the user must reconnect. */
  | 'auth_revoked'
  /** REQUEST_LIMIT_EXCEEDED: back off until the daily quota recovers. */
  | 'rate_limited'
  | 'not_found'
  /** MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE: a bug or a missing field, not worth retrying. */
  | 'invalid_query'
  /** 5xx or network failure: safe to retry later. */
  | 'transient'
  /** The org has no Change Data Capture for this object (edition, selection) or refused the subscribe. */
  | 'cdc_unavailable'
  /** The stored replay id is too old or unknown: resync the object, then subscribe from -1. */
  | 'invalid_replay'
  /** Anything else (validation errors, misconfigured connected app, ...). */
  | 'unknown';

export interface SalesforceErrorDetails {
  errorCode?: string;
  status?: number;
}

export class SalesforceError extends Error {
  override readonly name = 'SalesforceError';
  readonly kind: SalesforceErrorKind;
  readonly errorCode: string | undefined;
  readonly status: number | undefined;

  constructor(kind: SalesforceErrorKind, message: string, details: SalesforceErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.errorCode = details.errorCode;
    this.status = details.status;
  }

  /** Worth retrying the same call later without any change. */
  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'rate_limited';
  }
}

export function isSalesforceError(err: unknown, kind?: SalesforceErrorKind): err is SalesforceError {
  return err instanceof SalesforceError && (kind === undefined || err.kind === kind);
}
