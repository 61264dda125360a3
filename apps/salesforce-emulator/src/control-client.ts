import type {
  BatchOptions,
  BatchResult,
  BulkJobView,
  CdcEntity,
  ClockView,
  EmulatorStateView,
  GapChangeType,
  ObjectName,
  SettingsPatch,
  StoredEventView,
  TokenInfo,
} from './control-types.ts';

export type * from './control-types.ts';

/** `org` arguments accept an org id or its alias ('acme', 'globex'). */
export type OrgRef = string;

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`emulator control call failed with ${status}: ${JSON.stringify(body)}`);
  }
}

/** Typed client for the emulator's control API (`/__emulator`, header `x-emulator-key`). */
export class EmulatorControl {
  readonly baseUrl: string;
  private readonly controlKey: string;

  constructor(opts: { baseUrl: string; controlKey: string }) {
    this.baseUrl = opts.baseUrl.replace(/\/$/, '');
    this.controlKey = opts.controlKey;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}/__emulator${path}`, {
      method,
      headers: {
        'x-emulator-key': this.controlKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new EmulatorControlError(res.status, parsed);
    return parsed as T;
  }

  private rec(org: OrgRef, object: ObjectName): string {
    return `/orgs/${encodeURIComponent(org)}/records/${object}`;
  }

  state(): Promise<EmulatorStateView> {
    return this.call('GET', '/state');
  }

  /** Creates records in one transaction (one CDC transactionKey); a record's `Id`, if given, is kept. */
  createRecords(
    org: OrgRef,
    object: ObjectName,
    records: Record<string, unknown>[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('POST', this.rec(org, object), { records, ...opts });
  }

  /** Updates records (each needs `Id`) in one transaction. */
  updateRecords(
    org: OrgRef,
    object: ObjectName,
    records: Record<string, unknown>[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('PATCH', this.rec(org, object), { records, ...opts });
  }

  deleteRecords(
    org: OrgRef,
    object: ObjectName,
    ids: string[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('POST', `${this.rec(org, object)}/delete`, { ids, ...opts });
  }

  undeleteRecords(
    org: OrgRef,
    object: ObjectName,
    ids: string[],
    opts: BatchOptions = {},
  ): Promise<BatchResult> {
    return this.call('POST', `${this.rec(org, object)}/undelete`, { ids, ...opts });
  }

  /** The org's true state: every row of the object, recycle-bin rows included (IsDeleted true). */
  async records(org: OrgRef, object: ObjectName): Promise<Record<string, unknown>[]> {
    return (await this.call<{ records: Record<string, unknown>[] }>('GET', this.rec(org, object))).records;
  }

  async tokens(org?: OrgRef): Promise<TokenInfo[]> {
    return (
      await this.call<{ tokens: TokenInfo[] }>(
        'GET',
        `/tokens${org ? `?org=${encodeURIComponent(org)}` : ''}`,
      )
    ).tokens;
  }

  /** Expires access tokens: all of an org's, one token, or (no filter) every token. */
  async expireAccessTokens(filter: { org?: OrgRef; token?: string } = {}): Promise<string[]> {
    return (await this.call<{ expired: string[] }>('POST', '/tokens/expire', filter)).expired;
  }

  /** Revokes refresh tokens (and their access tokens) matching the filter. */
  async revokeRefreshTokens(
    filter: { org?: OrgRef; userId?: string; token?: string } = {},
  ): Promise<string[]> {
    return (await this.call<{ revoked: string[] }>('POST', '/tokens/revoke', filter)).revoked;
  }

  async events(org: OrgRef): Promise<StoredEventView[]> {
    return (await this.call<{ events: StoredEventView[] }>('GET', `/orgs/${encodeURIComponent(org)}/events`))
      .events;
  }

  emitGap(
    org: OrgRef,
    entity: CdcEntity,
    changeType: GapChangeType,
    recordIds: string[],
  ): Promise<{ replayIds: number[] }> {
    return this.call('POST', `/orgs/${encodeURIComponent(org)}/events/gap`, {
      entity,
      changeType,
      recordIds,
    });
  }

  /** Selects the objects the org publishes change events for (Setup > Change Data Capture). */
  setCdcEntities(org: OrgRef, entities: string[]): Promise<{ cdcEntities: string[] }> {
    return this.call('POST', `/orgs/${encodeURIComponent(org)}/cdc-entities`, { entities });
  }

  emitOverflow(org: OrgRef, entity: CdcEntity): Promise<{ replayIds: number[] }> {
    return this.call('POST', `/orgs/${encodeURIComponent(org)}/events/overflow`, { entity });
  }

  /** Fails the next `count` matching requests (default: REST under /services/data/). */
  /** 401 ends the session of each matching request (its token expires) instead of failing it. */
  failNextRequests(
    count: number,
    status: 401 | 500 | 503 = 503,
    pathContains?: string,
  ): Promise<{ pending: number }> {
    return this.call('POST', '/faults/fail', { count, status, pathContains });
  }

  /**
   * The next `count` matching requests are carried out (and committed), then their connection is
   * reset instead of answered: the client cannot tell whether anything happened.
   */
  async resetAfterNextRequests(count: number, pathContains?: string): Promise<void> {
    await this.call('POST', '/faults/reset-after', { count, pathContains });
  }

  /**
   * Holds records as another transaction would: the next `count` saves touching each (by Id or
   * a reference, e.g. a Task's WhoId) fail per record with UNABLE_TO_LOCK_ROW.
   */
  async lockRecords(ids: string[], count = 1): Promise<void> {
    await this.call('POST', '/faults/lock', { ids, count });
  }

  /** Delays every REST request by `ms` before it is handled (only paths containing `pathContains`, if given). */
  async setLatency(ms: number, pathContains?: string): Promise<void> {
    await this.call('POST', '/faults/latency', { ms, pathContains });
  }

  /** Drops every CometD client; their next request gets 403::Unknown client. */
  async dropCometdClients(): Promise<number> {
    return (await this.call<{ dropped: number }>('POST', '/faults/cometd-drop', {})).dropped;
  }

  async clearFaults(): Promise<void> {
    await this.call('POST', '/faults/clear', {});
  }

  /** Sets the daily API allowance: exhaust it, set Remaining, change Max or reset usage. */
  setApiUsage(org: OrgRef, opts: { exhaust?: boolean; remaining?: number; max?: number; reset?: boolean }) {
    return this.call<{ used: number; max: number; remaining: number }>(
      'POST',
      `/orgs/${encodeURIComponent(org)}/api-usage`,
      opts,
    );
  }

  exhaustApiQuota(org: OrgRef) {
    return this.setApiUsage(org, { exhaust: true });
  }

  resetApiQuota(org: OrgRef) {
    return this.setApiUsage(org, { reset: true });
  }

  /** Overrides the default query batch size for an org (null restores 2,000). */
  async setBatchSize(org: OrgRef, size: number | null): Promise<void> {
    await this.call('POST', `/orgs/${encodeURIComponent(org)}/batch-size`, { size });
  }

  /** The org's Bulk API 2.0 query jobs, read without spending its API calls. */
  async bulkJobs(org: OrgRef): Promise<BulkJobView[]> {
    const body = await this.call<{ jobs: BulkJobView[] }>(
      'GET',
      `/orgs/${encodeURIComponent(org)}/bulk/jobs`,
    );
    return body.jobs;
  }

  /** The org's next `count` Bulk query jobs end Failed instead of JobComplete. */
  async failNextBulkJobs(org: OrgRef, count = 1): Promise<void> {
    await this.call('POST', `/orgs/${encodeURIComponent(org)}/bulk/fail-next`, { count });
  }

  clock(): Promise<ClockView> {
    return this.call('GET', '/clock');
  }

  /** Moves the emulator clock forward (expiry, retention and purge follow it). */
  advanceClock(ms: number): Promise<ClockView> {
    return this.call('POST', '/clock/advance', { ms });
  }

  async registerApp(app: {
    name: string;
    clientId: string;
    clientSecret: string;
    callbackUrls: string[];
    rotateRefreshTokens?: boolean;
  }): Promise<void> {
    await this.call('POST', '/apps', app);
  }

  updateSettings(patch: SettingsPatch): Promise<Record<string, number | boolean>> {
    return this.call('PATCH', '/settings', patch);
  }

  /** Back to the seeded state: seed data, default app, no tokens, events, faults or clients. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset', {});
  }
}
