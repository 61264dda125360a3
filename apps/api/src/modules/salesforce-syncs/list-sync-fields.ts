import { listSyncFieldsResponse, syncObjectParams } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { chosenFieldsOf } from '../../sync/fields.ts';
import { toDbObject } from '../../wire-names/objects.ts';
import { withSalesforceForRequest } from '../salesforce-connection/salesforce-for-request.ts';
import { describedFields, fieldViews } from './described-fields.ts';
import { findSyncOr404 } from './find-sync.ts';

/**
 * GET /api/integrations/salesforce/syncs/:object/fields: the object's readable fields from the
 * org's describe, each marked required (always kept) and selected (kept by this sync).
 */
export function listSyncFields(deps: Deps): RequestHandler {
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const { organizationId } = principalOf(req);
    const dbObject = toDbObject(object);
    const sync = await findSyncOr404(deps.db, organizationId, object);
    const described = await withSalesforceForRequest(deps, organizationId, (client) =>
      describedFields(client, dbObject),
    );
    const chosen = new Set(chosenFieldsOf(sync).map((field) => field.name));
    send(res, listSyncFieldsResponse, { fields: fieldViews(dbObject, described, chosen) });
  };
}
