import { BulkControl } from './control-client/bulk.ts';
import type { OrgRef } from './control-client/transport.ts';
import type { ClockView, EmulatorStateView, SettingsPatch, TokenInfo } from './control-types.ts';

export { EmulatorControlError, type OrgRef } from './control-client/transport.ts';
export type * from './control-types.ts';

/**
 * Typed client for the emulator's control API (`/__emulator`, header `x-emulator-key`). Records,
 * CDC and bulk calls live in `control-client/`; here: the whole state, OAuth apps and tokens,
 * faults, limits, the clock and settings.
 */
export class EmulatorControl extends BulkControl {
  state(): Promise<EmulatorStateView> {
    return this.call('GET', '/state');
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

  async registerApp(app: {
    name: string;
    clientId: string;
    clientSecret: string;
    callbackUrls: string[];
    rotateRefreshTokens?: boolean;
  }): Promise<void> {
    await this.call('POST', '/apps', app);
  }

  /**
   * Fails the next `count` matching requests (default: REST under /services/data/).
   * 401 ends the session of each matching request (its token expires) instead of failing it.
   */
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

  /** Cuts every Pub/Sub Subscribe stream; clients see UNAVAILABLE and must subscribe again. */
  async dropPubSubStreams(): Promise<number> {
    return (await this.call<{ dropped: number }>('POST', '/faults/pubsub-drop', {})).dropped;
  }

  /** How many Pub/Sub Subscribe streams are open (a client's subscribe is ready once counted). */
  async pubSubStreams(): Promise<number> {
    return (await this.call<{ open: number }>('GET', '/pubsub/streams')).open;
  }

  async clearFaults(): Promise<void> {
    await this.call('POST', '/faults/clear', {});
  }

  /** Sets the daily API allowance: exhaust it, set Remaining, change Max or reset usage. */
  setApiUsage(org: OrgRef, opts: { exhaust?: boolean; remaining?: number; max?: number; reset?: boolean }) {
    return this.call<{ used: number; max: number; remaining: number }>(
      'POST',
      this.orgPath(org, '/api-usage'),
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
    await this.call('POST', this.orgPath(org, '/batch-size'), { size });
  }

  clock(): Promise<ClockView> {
    return this.call('GET', '/clock');
  }

  /** Moves the emulator clock forward (expiry, retention and purge follow it). */
  advanceClock(ms: number): Promise<ClockView> {
    return this.call('POST', '/clock/advance', { ms });
  }

  updateSettings(patch: SettingsPatch): Promise<Record<string, number | boolean>> {
    return this.call('PATCH', '/settings', patch);
  }

  /** Back to the seeded state: seed data, default app, no tokens, events, faults or clients. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset', {});
  }
}
