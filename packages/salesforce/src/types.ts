/** Our own types: nothing from jsforce crosses the package boundary. */

/** Where to sign in: an https login URL (login/test.salesforce.com, a My Domain), or the local emulator. */
export type LoginHost = string;

export interface TokenSet {
  accessToken: string;
  /** Present when the `refresh_token` scope was granted. */
  refreshToken?: string;
  instanceUrl: string;
  identityUrl: string;
  issuedAt: Date;
  scope: string[];
  organizationId: string;
  userId: string;
}

/** Handed to `onTokenRefresh`; `refreshToken` only when the connected app rotates refresh tokens. */
export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string;
}

export interface Identity {
  username: string;
  displayName: string;
  email: string;
  organizationId: string;
  userId: string;
}

/** A record as returned by SOQL, with the `attributes` envelopes removed. */
export type SalesforceRecord = { Id?: string } & Record<string, unknown>;

export interface QueryPage<R extends SalesforceRecord = SalesforceRecord> {
  records: R[];
  totalSize: number;
  done: boolean;
}

export interface QueryOptions {
  /** Use queryAll: include soft-deleted rows (IsDeleted = true). */
  includeDeleted?: boolean;
  /** Records per page (Salesforce accepts 200..2000; it may return fewer). */
  batchSize?: number;
}

export interface FieldDescribe {
  name: string;
  label: string;
  type: string;
  length: number;
  nillable: boolean;
  updateable: boolean;
  createable: boolean;
  /** A custom field (its name ends in __c). */
  custom: boolean;
}

export interface ObjectDescribe {
  name: string;
  label: string;
  keyPrefix: string | null;
  createable: boolean;
  queryable: boolean;
  fields: FieldDescribe[];
}

export interface OrgEdition {
  /** Organization.OrganizationType, e.g. "Enterprise Edition". */
  organizationType: string;
  /** Whether this edition can have Change Data Capture at all. */
  supportsCdc: boolean;
}

export interface ApiLimits {
  dailyApiRequests: { max: number; remaining: number };
}

export interface CallTaskInput {
  /** The idempotency key, written to Task.CallObject (255 characters at most). */
  callObject: string;
  /**
   * A key an earlier version may have written this call's Task under. It was not unique across
   * the Salesforce org, so a Task under it counts only when its WhoId is this input's `whoId`.
   */
  legacyCallObject?: string;
  /** Contact or Lead id. */
  whoId?: string;
  whatId?: string;
  ownerId?: string;
  subject?: string;
  callType?: 'Inbound' | 'Outbound' | 'Internal';
  callDurationInSeconds?: number;
  callDisposition?: string;
  /** YYYY-MM-DD */
  activityDate?: string;
  status?: string;
  description?: string;
}

export type CallTaskResult =
  /** `created: false`: a Task with this CallObject already existed (possibly in the recycle bin). */
  | { callObject: string; ok: true; taskId: string; created: boolean }
  | {
      callObject: string;
      ok: false;
      /**
       * `retryable`: worth trying again (the call as a whole failed: network, 5xx, timeout; or
       * Salesforce refused this record for a passing reason: a locked row, a busy server).
       * Retrying is idempotent: createTasks looks the key up before creating.
       */
      error: { code: string; message: string; retryable: boolean };
    };

export interface CreateTasksOptions {
  /** Checked before each Salesforce call: once aborted, nothing more is created. */
  signal?: AbortSignal;
}

export type ChangeType =
  | 'CREATE'
  | 'UPDATE'
  | 'DELETE'
  | 'UNDELETE'
  | 'GAP_CREATE'
  | 'GAP_UPDATE'
  | 'GAP_DELETE'
  | 'GAP_UNDELETE'
  | 'GAP_OVERFLOW';

export interface ChangeEvent {
  replayId: number;
  entityName: string;
  changeType: ChangeType;
  recordIds: string[];
  /** Flat record field names: `Name.LastName` arrives as LastName, `MailingAddress.City` as MailingCity. */
  changedFields: string[];
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  /**
   * The payload minus ChangeEventHeader, compound fields flattened to record fields: every
   * non-empty field on CREATE and UNDELETE, the changed ones on UPDATE.
   */
  fields: Record<string, unknown>;
  /** The Pub/Sub API's replay id, opaque bytes stored as they came (CometD events have none). */
  replay?: Uint8Array;
}
