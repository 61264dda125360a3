import { dataSourceParams, dataSourceView } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { loadDataSource, toDataSourceView } from './data-source-view.ts';

/** GET /api/v1/data-sources/:id: one data source with its state. */
export function getDataSource({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { id } = parse(dataSourceParams, req.params, 'The address');
    send(
      res,
      dataSourceView,
      toDataSourceView(await loadDataSource(db, apiClientOf(req).organizationId, id)),
    );
  };
}
