import { SalesforceError, type SalesforceErrorKind } from './errors.ts';
import { redact } from './redact.ts';

/**
 * The single place where jsforce, OAuth and network failures become SalesforceError.
 * jsforce reports REST errors as HttpApiError (name = errorCode, no status), OAuth errors as
 * Error whose name is the OAuth `error`, and network failures as fetch TypeErrors, so we look
 * at the code first and fall back to the HTTP status when the caller observed one.
 */
export interface ErrorContext {
  /** HTTP status of the failed response, when known (see rest.ts). */
  status?: number;
  /** Why the last token refresh failed; jsforce wraps it into a plain Error and loses the code. */
  refreshFailure?: SalesforceError;
  /** Tokens to scrub from the message. */
  secrets?: readonly (string | undefined | null)[];
}

const BY_CODE: Record<string, SalesforceErrorKind> = {
  INVALID_SESSION_ID: 'auth_expired',
  invalid_grant: 'auth_revoked',
  inactive_user: 'auth_revoked',
  inactive_org: 'auth_revoked',
  REQUEST_LIMIT_EXCEEDED: 'rate_limited',
  NOT_FOUND: 'not_found',
  ENTITY_IS_DELETED: 'not_found',
  MALFORMED_QUERY: 'invalid_query',
  INVALID_FIELD: 'invalid_query',
  INVALID_TYPE: 'invalid_query',
  INVALID_QUERY_FILTER_OPERATOR: 'invalid_query',
  SERVER_UNAVAILABLE: 'transient',
  UNKNOWN_EXCEPTION: 'transient',
};

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function codeOf(err: Record<string, unknown>): string | undefined {
  const code = err.errorCode ?? err.name;
  return typeof code === 'string' && code !== 'Error' && code !== 'TypeError' ? code : undefined;
}

function isNetworkError(err: Record<string, unknown>): boolean {
  const cause = err.cause as Record<string, unknown> | undefined;
  const code = (cause?.code ?? err.code) as string | undefined;
  if (code && NETWORK_CODES.has(code)) return true;
  return err.name === 'AbortError' || (err.name === 'TypeError' && err.message === 'fetch failed');
}

function kindFromStatus(status: number | undefined): SalesforceErrorKind | undefined {
  if (status === undefined) return undefined;
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'transient';
  return undefined;
}

export function toSalesforceError(err: unknown, ctx: ErrorContext = {}): SalesforceError {
  if (err instanceof SalesforceError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as Record<
    string,
    unknown
  >;
  const rawMessage = typeof e.message === 'string' ? e.message : String(err);
  const message = redact(rawMessage, ctx.secrets);

  // jsforce's SessionRefreshDelegate rethrows refresh failures as a bare Error with this prefix.
  if (rawMessage.startsWith('Unable to refresh session')) {
    return ctx.refreshFailure ?? new SalesforceError('auth_expired', message);
  }

  const code = codeOf(e);
  const httpStatus = code?.match(/^ERROR_HTTP_(\d{3})$/)?.[1];
  const status = ctx.status ?? (httpStatus ? Number(httpStatus) : undefined);
  const kind: SalesforceErrorKind =
    (code ? BY_CODE[code] : undefined) ??
    kindFromStatus(status) ??
    (isNetworkError(e) ? 'transient' : undefined) ??
    // The identity service says 403 Bad_OAuth_Token where the REST API says 401.
    (status === 401 || /Bad_OAuth_Token/.test(rawMessage) ? 'auth_expired' : 'unknown');
  return new SalesforceError(kind, code ? `${code}: ${message}` : message, { errorCode: code, status });
}
