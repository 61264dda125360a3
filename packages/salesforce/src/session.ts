import { Connection } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import { isSalesforceError, SalesforceError } from './errors.ts';
import { resolveLoginUrl } from './login-host.ts';
import { toSalesforceError } from './map-error.ts';
import { redact } from './redact.ts';
import type { LoginHost, RefreshedTokens } from './types.ts';

export const DEFAULT_API_VERSION = '62.0';

/**
 * How long one call may take, retries included, when the caller sets nothing. jsforce's own
 * default is 30 minutes, long enough for one slow org to hold a worker. Salesforce ends a SOQL
 * query at 120 s by itself; our other calls are single pages and batches that answer in seconds.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** The error of a call that got no answer in time: worth retrying, but its outcome is unknown. */
export function requestTimedOut(timeoutMs: number): SalesforceError {
  return new SalesforceError('transient', `No answer from Salesforce within ${timeoutMs} ms`, {
    errorCode: 'TIMEOUT',
  });
}

/** jsforce's OAuth2 sends its token requests with no timeout option: this one adds ours. */
class TimedTransport extends Transport {
  constructor(private readonly timeoutMs: number) {
    super();
  }

  override httpRequest(
    ...[req, options]: Parameters<Transport['httpRequest']>
  ): ReturnType<Transport['httpRequest']> {
    return super.httpRequest(req, { timeout: this.timeoutMs, ...options });
  }
}

function isAbort(err: unknown): boolean {
  return (err as Error | undefined)?.name === 'AbortError';
}

export interface RetryPolicy {
  /** Retries of idempotent requests (GET) on 5xx/429 and network errors. */
  maxRetries: number;
  /** First back-off; doubles on each retry. */
  minTimeoutMs: number;
}

export interface SessionOptions {
  instanceUrl: string;
  accessToken: string;
  refreshToken?: string;
  loginUrl: LoginHost;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
  version?: string;
  retry?: Partial<RetryPolicy>;
  /**
   * Gives up on any one call (REST request with its retries, or token refresh) after this long;
   * default DEFAULT_REQUEST_TIMEOUT_MS. A request given up on may still complete at Salesforce:
   * callers treat it as an unknown outcome.
   */
  timeoutMs?: number;
  onTokenRefresh?: (tokens: RefreshedTokens) => void | Promise<void>;
  /**
   * Wraps every refresh, so a caller can allow one refresh at a time per connection across
   * processes and adopt tokens another process already obtained instead of refreshing again.
   * `staleAccessToken` is the token Salesforce refused; `grant` performs the real refresh.
   */
  coordinateRefresh?: (
    staleAccessToken: string,
    grant: () => Promise<RefreshedTokens>,
  ) => Promise<RefreshedTokens>;
}

/**
 * A jsforce Connection plus what jsforce does not keep for us: why the last refresh failed,
 * the rotated refresh token, and listeners (streaming) that must react to a new access token.
 */
export interface Session {
  readonly conn: Connection;
  readonly version: string;
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
  refreshFailure: SalesforceError | undefined;
  secrets(): string[];
  /** Refresh now (e.g. CometD said 401); concurrent callers share one refresh. */
  forceRefresh(): Promise<void>;
  onRefreshed(listener: () => void): () => void;
}

interface RefreshBody {
  access_token: string;
  refresh_token?: string;
  instance_url?: string;
}

export function createSession(options: SessionOptions): Session {
  const listeners = new Set<() => void>();
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const conn = new Connection({
    version: options.version ?? DEFAULT_API_VERSION,
    instanceUrl: options.instanceUrl,
    accessToken: options.accessToken,
    refreshToken: options.refreshToken,
    oauth2: {
      loginUrl: resolveLoginUrl(options.loginUrl),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: options.redirectUri,
    },
    // Our own refresh function: jsforce's default drops a rotated refresh token and loses the
    // OAuth error code (invalid_grant) by the time the failed request rejects.
    refreshFn: (_conn, callback) => {
      void refresh().then(
        (accessToken) => callback(null, accessToken),
        (err: Error) => callback(err),
      );
    },
  });
  conn.oauth2._transport = new TimedTransport(timeoutMs);

  const session: Session = {
    conn,
    version: conn.version,
    retry: { maxRetries: 5, minTimeoutMs: 500, ...options.retry },
    timeoutMs,
    refreshFailure: undefined,
    secrets: () =>
      [conn.accessToken, conn.refreshToken, options.clientSecret].filter((s): s is string => !!s),
    async forceRefresh() {
      const delegate = conn._refreshDelegate;
      if (!delegate)
        throw new SalesforceError('auth_expired', 'Access token expired and cannot be refreshed');
      try {
        await delegate.refresh(Date.now());
      } catch (err) {
        throw toSalesforceError(err, { refreshFailure: session.refreshFailure, secrets: session.secrets() });
      }
    },
    onRefreshed(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  /** The refresh grant itself: new tokens from Salesforce for the connection's refresh token. */
  async function grant(): Promise<RefreshedTokens> {
    const refreshToken = conn.refreshToken;
    if (!refreshToken || !options.clientId) {
      throw new SalesforceError(
        'auth_expired',
        'Access token expired and no refresh token or client id is configured',
      );
    }
    let body: RefreshBody;
    try {
      body = (await conn.oauth2.refreshToken(refreshToken)) as RefreshBody;
    } catch (err) {
      if (isAbort(err)) throw requestTimedOut(timeoutMs);
      throw toSalesforceError(err, { secrets: session.secrets() });
    }
    if (body.instance_url) conn.instanceUrl = body.instance_url;
    return {
      accessToken: body.access_token,
      ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    };
  }

  async function refresh(): Promise<string> {
    session.refreshFailure = undefined;
    const stale = conn.accessToken ?? '';
    let tokens: RefreshedTokens;
    try {
      tokens = options.coordinateRefresh ? await options.coordinateRefresh(stale, grant) : await grant();
    } catch (err) {
      session.refreshFailure = isSalesforceError(err)
        ? err
        : toSalesforceError(err, { secrets: session.secrets() });
      throw session.refreshFailure;
    }
    // Set these before anyone hears about the refresh: streaming listeners read conn.accessToken.
    conn.accessToken = tokens.accessToken;
    if (tokens.refreshToken) conn.refreshToken = tokens.refreshToken;
    for (const listener of listeners) listener();
    try {
      await options.onTokenRefresh?.(tokens);
    } catch (err) {
      // The caller could not persist the tokens; fail this call loudly rather than drift silently.
      session.refreshFailure = new SalesforceError(
        'unknown',
        redact(`onTokenRefresh failed: ${(err as Error).message}`, session.secrets()),
      );
      throw session.refreshFailure;
    }
    return tokens.accessToken;
  }

  return session;
}
