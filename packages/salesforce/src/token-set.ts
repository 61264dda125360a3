import type { TokenSet } from './types.ts';

/** The token endpoint's JSON, as far as we read it. */
export interface TokenResponseBody {
  access_token: string;
  refresh_token?: string;
  instance_url: string;
  id: string;
  issued_at?: string;
  scope?: string;
}

/** The identity URL ends in /id/<orgId>/<userId>; that is the only place the code flow names them. */
export function parseIdentityUrl(identityUrl: string): { organizationId: string; userId: string } {
  const parts = new URL(identityUrl).pathname.split('/').filter(Boolean);
  const [marker, organizationId, userId] = parts.slice(-3);
  if (marker !== 'id' || !organizationId || !userId) {
    throw new TypeError('Unexpected identity URL shape');
  }
  return { organizationId, userId };
}

export function toTokenSet(body: TokenResponseBody): TokenSet {
  // issued_at is epoch milliseconds as a string; fall back to now if a proxy dropped it.
  const issuedMs = Number(body.issued_at);
  return {
    accessToken: body.access_token,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    instanceUrl: body.instance_url,
    identityUrl: body.id,
    issuedAt: new Date(Number.isFinite(issuedMs) && issuedMs > 0 ? issuedMs : Date.now()),
    scope: (body.scope ?? '').split(' ').filter(Boolean),
    ...parseIdentityUrl(body.id),
  };
}
