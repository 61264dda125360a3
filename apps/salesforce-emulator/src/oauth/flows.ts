import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../core/random.ts';

/** An authorize request between the login form and the Allow/Deny decision. */
export interface PendingAuth {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: string;
  createdAt: number;
  userId: string | undefined;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  orgId: string;
  scope: string;
  codeChallenge: string | undefined;
  codeChallengeMethod: string;
  expiresAt: number;
  used: boolean;
}

const PENDING_TTL_MS = 30 * 60_000;

/** Server-side state of the web server flow: pending logins and one-time codes. */
export class AuthFlows {
  private readonly pending = new Map<string, PendingAuth>();
  private readonly codes = new Map<string, AuthCode>();

  createPending(p: Omit<PendingAuth, 'id' | 'userId'>): PendingAuth {
    const entry = { ...p, id: randomToken(18), userId: undefined };
    this.pending.set(entry.id, entry);
    return entry;
  }

  getPending(id: string | null, now: number): PendingAuth | undefined {
    const p = id ? this.pending.get(id) : undefined;
    if (!p || now - p.createdAt > PENDING_TTL_MS) return undefined;
    return p;
  }

  finish(id: string): void {
    this.pending.delete(id);
  }

  issueCode(p: PendingAuth, orgId: string, userId: string, expiresAt: number): string {
    // Salesforce codes are long, url-unsafe base64 with '==' at the end; clients must encode them.
    const code = `aPrx${randomToken(36).replace(/-/g, '+').replace(/_/g, '/')}==`;
    this.codes.set(code, {
      code,
      clientId: p.clientId,
      redirectUri: p.redirectUri,
      userId,
      orgId,
      scope: p.scope,
      codeChallenge: p.codeChallenge,
      codeChallengeMethod: p.codeChallengeMethod,
      expiresAt,
      used: false,
    });
    return code;
  }

  /** A code works once: looking it up consumes it, whatever the outcome of the exchange. */
  takeCode(code: string | null, now: number): AuthCode | undefined {
    const c = code ? this.codes.get(code) : undefined;
    if (!c || c.used || now >= c.expiresAt) return undefined;
    c.used = true;
    return c;
  }

  clear(): void {
    this.pending.clear();
    this.codes.clear();
  }
}

export function verifyPkce(challenge: string, method: string, verifier: string | null): boolean {
  if (!verifier) return false;
  const expected = method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  const a = Buffer.from(expected);
  const b = Buffer.from(challenge.replace(/=+$/, ''));
  return a.length === b.length && timingSafeEqual(a, b);
}
