import { campaignParams, createDataSourceRequest, dataSourceView } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { AppError } from '../../http/app-error.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { syncedFieldsOf } from '../../sync/fields.ts';
import { toDbObject } from '../../wire-names/objects.ts';
import { checkConditions } from './check-conditions.ts';
import { toDataSourceView } from './data-source-view.ts';

/** POST /api/v1/campaigns/:campaignId/data-sources: links a synced object (filtered) to a campaign. */
export function createDataSource({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { campaignId } = parse(campaignParams, req.params, 'The address');
    const { object, filter = {} } = parse(createDataSourceRequest, req.body);
    const { organizationId, apiKeyId } = apiClientOf(req);
    const row = await db.$transaction(async (tx) => {
      const sync = await tx.objectSync.findUnique({
        where: { organizationId_object: { organizationId, object: toDbObject(object) } },
      });
      if (!sync) {
        throw new AppError(
          'conflict',
          `${object} is not synced: an admin adds it on the Integrations page.`,
          [{ path: 'object', message: 'not synced' }],
        );
      }
      checkConditions(sync.object, filter.conditions ?? [], syncedFieldsOf(sync));
      const created = await tx.campaignDataSource.create({
        data: { organizationId, campaignId, objectSyncId: sync.id, filter },
        include: { objectSync: true },
      });
      await recordAudit(tx, {
        organizationId,
        actorUserId: null,
        action: 'data_source.created',
        details: { dataSourceId: created.id, campaignId, object, filter, apiKeyId },
      });
      return created;
    });
    send(res, dataSourceView, toDataSourceView(row), 201);
  };
}
