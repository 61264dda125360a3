import { Transport } from 'jsforce/lib/transport.js';
import { toSalesforceError } from './map-error.ts';
import { requestTimedOut, type Session } from './session.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RestRequest {
  method?: Method;
  /** '/services/data/...' or a path relative to the versioned root, e.g. '/limits'. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * jsforce's HttpApiError carries no HTTP status, and a 503 with a JSON body looks like any other
 * error code. A per-call transport remembers the last status so map-error can tell 5xx apart.
 */
class StatusRecordingTransport extends Transport {
  lastStatus: number | undefined;

  override httpRequest(...args: Parameters<Transport['httpRequest']>): ReturnType<Transport['httpRequest']> {
    const pending = super.httpRequest(...args);
    pending.then(
      (res) => {
        this.lastStatus = res.statusCode;
      },
      () => undefined,
    );
    return pending;
  }
}

/** Every REST call goes through here: one place for auth refresh, retries and error mapping. */
export async function rest<T>(session: Session, req: RestRequest): Promise<T> {
  const transport = new StatusRecordingTransport();
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await session.conn.request<T>(
      {
        method: req.method ?? 'GET',
        url: req.url,
        headers,
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      },
      {
        transport,
        timeout: session.timeoutMs,
        // jsforce only ever retries GET/PUT/DELETE/HEAD, so a POST is never sent twice by it.
        retry: { maxRetries: session.retry.maxRetries, minTimeout: session.retry.minTimeoutMs },
      },
    );
  } catch (err) {
    // jsforce reports its own timeout as an abort that speaks of "30 minutes" whatever was set.
    if ((err as Error | undefined)?.name === 'AbortError') throw requestTimedOut(session.timeoutMs);
    throw toSalesforceError(err, {
      status: transport.lastStatus,
      refreshFailure: session.refreshFailure,
      secrets: session.secrets(),
    });
  }
}

/** Versioned data path, e.g. dataPath(session, 'query') -> /services/data/v62.0/query */
export function dataPath(session: Session, path: string): string {
  return `/services/data/v${session.version}/${path.replace(/^\//, '')}`;
}
