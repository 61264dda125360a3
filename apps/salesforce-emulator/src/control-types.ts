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

/** A custom field to add at run time (POST /__emulator/orgs/:org/fields/:object). */
export interface CustomFieldInput {
  /** API name ending in `__c`. */
  name: string;
  label: string;
  type:
    | 'string'
    | 'textarea'
    | 'picklist'
    | 'currency'
    | 'double'
    | 'int'
    | 'date'
    | 'datetime'
    | 'boolean'
    | 'email'
    | 'phone';
  length?: number;
  precision?: number;
  scale?: number;
  picklistValues?: string[];
  /** Custom picklists reject other values unless this is false. */
  restricted?: boolean;
}

/** A field as describe reports it, plus whether field-level security lets the API user read it. */
export interface FieldView {
  name: string;
  label: string;
  type: string;
  length: number;
  precision: number;
  scale: number;
  custom: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  restrictedPicklist: boolean;
  picklistValues: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  readable: boolean;
}

/** `POST /__emulator/orgs`: many orgs at once, for simulations (control/orgs.ts). */
export interface BulkOrgsRequest {
  /** 1 to 10,000 orgs, aliased `<aliasPrefix>-1` .. `<aliasPrefix>-<count>`. */
  count: number;
  /** Default 'Enterprise Edition'. */
  edition?: string;
  /** Objects that publish change events; default Contact and Lead. */
  cdcEntities?: CdcEntity[];
  /** Seed records per object in each org (backdated, no change events); default none. */
  recordsPerObject?: Partial<Record<CdcEntity, number>>;
  /** Default 'sim'; a prefix already used answers 409. */
  aliasPrefix?: string;
}

/** One org made by `POST /__emulator/orgs`; its integration user signs in with the seed password. */
export interface CreatedOrgView {
  id: string;
  alias: string;
  username: string;
  userId: string;
}
