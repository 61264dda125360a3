// Shapes returned by the control API, shared by the server and EmulatorControl.
export type ObjectName = 'Contact' | 'Lead' | 'Task';
export type CdcEntity = 'Contact' | 'Lead';
export type GapChangeType = 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE';

export interface SaveResultView {
  id?: string;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

export interface BatchResult {
  results: SaveResultView[];
  commitTimestamp: string;
  transactionKey: string | null;
  replayIds: number[];
}

export interface BatchOptions {
  /** Backdate the commit (late commit): ISO-8601 or epoch ms. */
  systemModstamp?: string | number;
  userId?: string;
  changeOrigin?: string;
}

export interface TokenInfo {
  kind: 'access' | 'refresh';
  token: string;
  orgId: string;
  userId: string;
  clientId: string;
  scope: string;
  issuedAt: string;
  revoked: boolean;
  expired: boolean;
  refreshToken?: string;
}

export interface OrgInfo {
  id: string;
  alias: string;
  name: string;
  edition: string;
  cdcEntities: string[];
  batchSize: number | null;
  apiUsage: { used: number; max: number };
  users: { id: string; username: string; displayName: string }[];
  counts: Record<ObjectName, number>;
}

export interface EmulatorStateView {
  url: string;
  clock: ClockView;
  settings: Record<string, number | boolean>;
  orgs: OrgInfo[];
  apps: { name: string; clientId: string; callbackUrls: string[]; rotateRefreshTokens: boolean }[];
}

export interface ClockView {
  now: string;
  offsetMs: number;
}

export interface StoredEventView {
  replayId: number;
  entity: string;
  publishedAt: number;
  payload: { ChangeEventHeader: Record<string, unknown> } & Record<string, unknown>;
}

export interface SettingsPatch {
  codeTtlMs?: number;
  accessTokenTtlMs?: number;
  queryLocatorTtlMs?: number;
  cdcRetentionMs?: number;
  recycleBinRetentionMs?: number;
  cometdConnectTimeoutMs?: number;
  cometdClientTimeoutMs?: number;
  apiDailyMax?: number;
  rotateRefreshTokens?: boolean;
  maxApprovalsPerApp?: number;
  bulkJobDelayMs?: number;
  bulkResultsPageSize?: number;
  pubsubKeepaliveMs?: number;
  pubsubMaxPendingRequested?: number;
  bulkJobRetentionMs?: number;
}

/** A Bulk API 2.0 query job as the control API reports it (its job info plus the SOQL). */
export interface BulkJobView {
  id: string;
  operation: 'query' | 'queryAll';
  object: string;
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
  numberRecordsProcessed: number;
  apiVersion: number;
  query: string;
}
