import type { OAuthTokenView } from '@ch/contracts';
import { listOAuthTokensResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';

/** GET /api/oauth-tokens: what the organization stores, by provider; never a secret. */
export function listOAuthTokens({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = principalOf(req);
    const rows = await db.oAuthToken.findMany({
      where: { organizationId },
      orderBy: { provider: 'asc' },
      select: {
        id: true,
        provider: true,
        instanceUrl: true,
        scopes: true,
        status: true,
        createdAt: true,
        issuedAt: true,
        refreshedAt: true,
        authorizedByUserId: true,
        salesforceAccount: { select: { username: true, instanceUrl: true } },
      },
    });
    const authorIds = rows.flatMap((row) => (row.authorizedByUserId ? [row.authorizedByUserId] : []));
    const authors = await db.user.findMany({
      where: { id: { in: authorIds }, organizationId },
      select: { id: true, email: true },
    });
    const emailById = new Map(authors.map((author) => [author.id, author.email]));
    const tokens: OAuthTokenView[] = rows.map((row) => ({
      id: row.id,
      provider: row.provider,
      account: row.salesforceAccount,
      scopes: row.scopes,
      status: row.status === 'ACTIVE' ? 'active' : 'needs_reconnect',
      createdAt: row.createdAt.toISOString(),
      issuedAt: row.issuedAt.toISOString(),
      refreshedAt: row.refreshedAt?.toISOString() ?? null,
      authorizedBy: row.authorizedByUserId ? (emailById.get(row.authorizedByUserId) ?? null) : null,
    }));
    send(res, listOAuthTokensResponse, { tokens });
  };
}
