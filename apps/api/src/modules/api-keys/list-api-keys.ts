import { listApiKeysResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { toApiKeyView } from './api-key-view.ts';

/** GET /api/api-keys: the organization's keys, newest first, revoked ones included (for the record). */
export function listApiKeys({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { organizationId } = principalOf(req);
    const rows = await db.apiKey.findMany({ where: { organizationId }, orderBy: { createdAt: 'desc' } });
    const creatorIds = [
      ...new Set(rows.flatMap((row) => (row.createdByUserId ? [row.createdByUserId] : []))),
    ];
    const creators = await db.user.findMany({
      where: { id: { in: creatorIds }, organizationId },
      select: { id: true, email: true },
    });
    const emailById = new Map(creators.map((user) => [user.id, user.email]));
    send(res, listApiKeysResponse, {
      apiKeys: rows.map((row) =>
        toApiKeyView(row, row.createdByUserId ? (emailById.get(row.createdByUserId) ?? null) : null),
      ),
    });
  };
}
