// Tunables that tests may change at run time through the control API.
export interface EmulatorSettings {
  /** Lifetime of an authorization code (Salesforce: 15 minutes). */
  codeTtlMs: number;
  /** Session timeout for access tokens; Salesforce never tells clients, they learn from a 401. */
  accessTokenTtlMs: number;
  queryLocatorTtlMs: number;
  cdcRetentionMs: number;
  recycleBinRetentionMs: number;
  /** How long /meta/connect is held open when nothing is pending. */
  cometdConnectTimeoutMs: number;
  /** A client that has not reconnected within this time is forgotten. */
  cometdClientTimeoutMs: number;
  apiDailyMax: number;
  rotateRefreshTokens: boolean;
  maxApprovalsPerApp: number;
  /** Bulk API 2.0 query jobs: time from creation to JobComplete (half queued, half in progress). */
  bulkJobDelayMs: number;
  /** Rows per results page when the client gives no maxRecords. */
  bulkResultsPageSize: number;
  /** A job and its results are deleted this long after creation (Salesforce: 7 days). */
  bulkJobRetentionMs: number;
  /** Pub/Sub: an idle Subscribe stream gets an empty FetchResponse this often (Salesforce: within 270 s). */
  pubsubKeepaliveMs: number;
  /** Pub/Sub: events a stream may have requested and not yet received; more is a flow-control error. */
  pubsubMaxPendingRequested: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function defaultSettings(): EmulatorSettings {
  return {
    codeTtlMs: 15 * MINUTE,
    accessTokenTtlMs: 2 * HOUR,
    queryLocatorTtlMs: 15 * MINUTE,
    cdcRetentionMs: 72 * HOUR,
    recycleBinRetentionMs: 15 * DAY,
    cometdConnectTimeoutMs: 110_000,
    cometdClientTimeoutMs: 40_000,
    apiDailyMax: 100_000,
    rotateRefreshTokens: false,
    maxApprovalsPerApp: 5,
    bulkJobDelayMs: 300,
    bulkResultsPageSize: 50_000,
    bulkJobRetentionMs: 7 * DAY,
    pubsubKeepaliveMs: 270_000,
    pubsubMaxPendingRequested: 1_000,
  };
}
