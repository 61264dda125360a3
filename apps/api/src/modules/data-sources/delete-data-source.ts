import { dataSourceParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { AppError } from '../../http/app-error.ts';
import { parse } from '../../http/validate.ts';

/** DELETE /api/v1/data-sources/:id: unlinks it; the sync and its records are the admin's to remove. */
export function deleteDataSource({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { id } = parse(dataSourceParams, req.params, 'The address');
    const { organizationId, apiKeyId } = apiClientOf(req);
    await db.$transaction(async (tx) => {
      const { count } = await tx.campaignDataSource.deleteMany({ where: { id, organizationId } });
      if (count === 0) throw new AppError('not_found', 'No such data source.');
      await recordAudit(tx, {
        organizationId,
        actorUserId: null,
        action: 'data_source.deleted',
        details: { dataSourceId: id, apiKeyId },
      });
    });
    res.status(204).end();
  };
}
