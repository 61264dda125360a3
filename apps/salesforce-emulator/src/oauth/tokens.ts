import type { Clock } from '../core/clock.ts';
import { randomToken } from '../core/random.ts';
import type { EmulatorSettings } from '../core/settings.ts';

export interface Grant {
  orgId: string;
  userId: string;
  clientId: string;
  scope: string;
}

export interface AccessToken extends Grant {
  token: string;
  issuedAt: number;
  refreshToken: string | undefined;
  revoked: boolean;
  /** Set by the expire fault; time-based expiry is computed from issuedAt. */
  forcedExpired: boolean;
}

export interface RefreshToken extends Grant {
  token: string;
  issuedAt: number;
  revoked: boolean;
}

export interface TokenView extends Grant {
  kind: 'access' | 'refresh';
  token: string;
  issuedAt: string;
  revoked: boolean;
  expired: boolean;
  refreshToken?: string;
}

/** Issues and tracks every token, so revocation and expiry are observable by tests. */
export class TokenRegistry {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  /** Called with tokens that stopped working, so held CometD connects can be answered. */
  onInvalidate: (tokens: string[]) => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly settings: EmulatorSettings,
  ) {}

  issueAccess(grant: Grant, refreshToken: string | undefined): AccessToken {
    const token = `${grant.orgId}!AQ${randomToken(40)}`;
    const issued = {
      ...grant,
      token,
      issuedAt: this.clock.now(),
      refreshToken,
      revoked: false,
      forcedExpired: false,
    };
    this.access.set(token, issued);
    return issued;
  }

  issueRefresh(grant: Grant): RefreshToken {
    const token = `5Aep${randomToken(60)}`;
    const issued = { ...grant, token, issuedAt: this.clock.now(), revoked: false };
    this.refresh.set(token, issued);
    return issued;
  }

  private isExpired(t: AccessToken): boolean {
    return t.forcedExpired || this.clock.now() - t.issuedAt >= this.settings.accessTokenTtlMs;
  }

  validAccess(token: string | undefined): AccessToken | undefined {
    const t = token ? this.access.get(token) : undefined;
    return t && !t.revoked && !this.isExpired(t) ? t : undefined;
  }

  validRefresh(token: string | undefined): RefreshToken | undefined {
    const t = token ? this.refresh.get(token) : undefined;
    return t && !t.revoked ? t : undefined;
  }

  findAccess(token: string): AccessToken | undefined {
    return this.access.get(token);
  }

  findRefresh(token: string): RefreshToken | undefined {
    return this.refresh.get(token);
  }

  expireAccess(filter: { orgId?: string; token?: string }): string[] {
    const hit: string[] = [];
    for (const t of this.access.values()) {
      if (filter.token !== undefined && t.token !== filter.token) continue;
      if (filter.orgId !== undefined && t.orgId !== filter.orgId) continue;
      if (!t.forcedExpired) hit.push(t.token);
      t.forcedExpired = true;
    }
    this.onInvalidate(hit);
    return hit;
  }

  revokeAccess(token: string): void {
    const t = this.access.get(token);
    if (!t) return;
    t.revoked = true;
    this.onInvalidate([token]);
  }

  /** Revoking a refresh token ends every access token minted from it. */
  revokeRefresh(token: string): void {
    const r = this.refresh.get(token);
    if (!r) return;
    r.revoked = true;
    const hit: string[] = [];
    for (const a of this.access.values()) {
      if (a.refreshToken === token && !a.revoked) {
        a.revoked = true;
        hit.push(a.token);
      }
    }
    this.onInvalidate(hit);
  }

  revokeRefreshWhere(filter: { orgId?: string; userId?: string; token?: string }): string[] {
    const hit = [...this.refresh.values()].filter(
      (r) =>
        !r.revoked &&
        (filter.orgId === undefined || r.orgId === filter.orgId) &&
        (filter.userId === undefined || r.userId === filter.userId) &&
        (filter.token === undefined || r.token === filter.token),
    );
    for (const r of hit) this.revokeRefresh(r.token);
    return hit.map((r) => r.token);
  }

  activeApprovals(userId: string, clientId: string): RefreshToken[] {
    return [...this.refresh.values()]
      .filter((r) => !r.revoked && r.userId === userId && r.clientId === clientId)
      .sort((a, b) => a.issuedAt - b.issuedAt);
  }

  list(orgId?: string): TokenView[] {
    const views: TokenView[] = [];
    const base = (t: Grant) => ({ orgId: t.orgId, userId: t.userId, clientId: t.clientId, scope: t.scope });
    for (const r of this.refresh.values()) {
      if (orgId && r.orgId !== orgId) continue;
      views.push({
        kind: 'refresh',
        token: r.token,
        ...base(r),
        issuedAt: new Date(r.issuedAt).toISOString(),
        revoked: r.revoked,
        expired: false,
      });
    }
    for (const a of this.access.values()) {
      if (orgId && a.orgId !== orgId) continue;
      views.push({
        kind: 'access',
        token: a.token,
        ...base(a),
        issuedAt: new Date(a.issuedAt).toISOString(),
        revoked: a.revoked,
        expired: this.isExpired(a),
        ...(a.refreshToken ? { refreshToken: a.refreshToken } : {}),
      });
    }
    return views;
  }

  /** Every token as issued, for the saved state of a persistent emulator (see persist/). */
  snapshot(): { access: AccessToken[]; refresh: RefreshToken[] } {
    return { access: [...this.access.values()], refresh: [...this.refresh.values()] };
  }

  restore(saved: { access: AccessToken[]; refresh: RefreshToken[] }): void {
    this.clear();
    for (const a of saved.access) this.access.set(a.token, { ...a });
    for (const r of saved.refresh) this.refresh.set(r.token, { ...r });
  }

  clear(): void {
    const all = [...this.access.keys()];
    this.access.clear();
    this.refresh.clear();
    this.onInvalidate(all);
  }
}
