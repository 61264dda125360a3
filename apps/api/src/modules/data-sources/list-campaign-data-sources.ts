import { campaignParams, listCampaignDataSourcesResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toDataSourceView } from './data-source-view.ts';

/** GET /api/v1/campaigns/:campaignId/data-sources: oldest first; an unknown campaign has none. */
export function listCampaignDataSources({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { campaignId } = parse(campaignParams, req.params, 'The address');
    const { organizationId } = apiClientOf(req);
    const rows = await db.campaignDataSource.findMany({
      where: { organizationId, campaignId },
      include: { objectSync: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    send(res, listCampaignDataSourcesResponse, { dataSources: rows.map(toDataSourceView) });
  };
}
