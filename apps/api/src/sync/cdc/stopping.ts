import type { SalesforceClient } from '@ch/salesforce';

/** Waits, or less when stopped: a sync turned off must not sit out a 30 s back-off. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Settles as `pending` does, or rejects with the signal's reason as soon as it aborts. jsforce
 * takes no AbortSignal, so the request itself runs on until its answer or its timeout; the caller
 * stops waiting for it and drops what it brings (a shutdown must not sit out a slow org).
 */
export function orAbort<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    pending.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** An async generator whose every step (a page fetch in flight included) ends when `signal` aborts. */
async function* pagesUntil<P>(
  pages: AsyncGenerator<P, void, undefined>,
  signal: AbortSignal,
  each: (page: P) => P = (page) => page,
): AsyncGenerator<P, void, undefined> {
  try {
    for (;;) {
      const step = await orAbort(pages.next(), signal);
      if (step.done) return;
      yield each(step.value);
      signal.throwIfAborted();
    }
  } finally {
    // Not awaited: a page still in flight would hold the return until it arrives.
    void pages.return(undefined).catch(() => undefined);
  }
}

/**
 * The client with reads that stop once `signal` aborts, including one waiting on Salesforce: a
 * full load (in rest-poller.ts) checkpoints every committed page, so stopping loses nothing, a sync
 * turned off mid-load stops within a page, and a worker shutting down (engine.ts) is not held by
 * a slow org's page. A CDC gap re-read (fetchByIds) is left to finish: its events are in hand.
 */
export function stoppable(client: SalesforceClient, signal: AbortSignal): SalesforceClient {
  return {
    ...client,
    queryPages: ((soql, options) =>
      pagesUntil(client.queryPages(soql, options), signal)) as SalesforceClient['queryPages'],
    // A Bulk page's records arrive while it is stored: reading them stops with the signal too.
    bulkQueryPages: ((soql, options) =>
      pagesUntil(client.bulkQueryPages(soql, options), signal, (page) => ({
        ...page,
        batches: pagesUntil(page.batches, signal),
      }))) as SalesforceClient['bulkQueryPages'],
    count: (object, options) => orAbort(client.count(object, options), signal),
    limits: () => orAbort(client.limits(), signal),
  };
}
