import { apiKeyIdParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';

/**
 * DELETE /api/api-keys/:id: revokes the key. The row stays (audit, "last used"), and since every
 * /api/v1 request reads it, the key stops working with the next request. Revoking twice is a no-op.
 */
export function revokeApiKey({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { id } = parse(apiKeyIdParams, req.params, 'The address');
    const actor = principalOf(req);
    const { organizationId } = actor;
    await db.$transaction(async (tx) => {
      const key = await tx.apiKey.findFirst({ where: { id, organizationId } });
      if (!key) throw new AppError('not_found', 'No such API key.');
      if (key.revokedAt) return;
      await tx.apiKey.update({
        where: { organizationId_id: { organizationId, id } },
        data: { revokedAt: new Date() },
      });
      await recordAudit(tx, {
        organizationId,
        actorUserId: actor.userId,
        action: 'api_key.revoked',
        details: { apiKeyId: id, name: key.name, prefix: key.prefix },
      });
    });
    res.status(204).end();
  };
}
