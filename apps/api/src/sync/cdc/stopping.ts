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
 * The client with query pages (REST and Bulk) that stop at the next page once `signal` aborts: a full load (in
 * rest-poller.ts) checkpoints every page, so stopping between pages loses nothing and a sync
 * turned off mid-load stops within a page instead of after the whole load.
 */
export function stoppable(client: SalesforceClient, signal: AbortSignal): SalesforceClient {
  return {
    ...client,
    queryPages: async function* (soql, options) {
      for await (const page of client.queryPages(soql, options)) {
        signal.throwIfAborted();
        yield page;
      }
    } as SalesforceClient['queryPages'],
    bulkQueryPages: async function* (soql, options) {
      for await (const page of client.bulkQueryPages(soql, options)) {
        signal.throwIfAborted();
        yield page;
      }
    } as SalesforceClient['bulkQueryPages'],
  };
}
