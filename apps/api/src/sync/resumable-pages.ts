import { isSalesforceError, type QueryOptions, type QueryPage, type SalesforceClient } from '@ch/salesforce';

/** A query that died this many times in a row is a real failure, not a refreshed session. */
const MAX_RESTARTS = 3;

/**
 * A query's server-side cursor belongs to the session that opened it: after a token refresh the
 * next page answers INVALID_QUERY_LOCATOR. The pages then continue from a new query, built by
 * `soql` from the caller's last committed checkpoint (the full load's last Id, the poll's cursor).
 */
export async function* resumablePages(
  client: SalesforceClient,
  soql: () => string,
  options?: QueryOptions,
): AsyncGenerator<QueryPage, void, undefined> {
  for (let restarts = 0; ; restarts++) {
    try {
      for await (const page of client.queryPages(soql(), options)) yield page;
      return;
    } catch (err) {
      if (!isSalesforceError(err) || err.errorCode !== 'INVALID_QUERY_LOCATOR' || restarts >= MAX_RESTARTS)
        throw err;
    }
  }
}
