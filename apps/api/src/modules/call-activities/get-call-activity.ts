import { callActivityParams, callActivityView } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { apiClientOf } from '../../http/api-key-auth.ts';
import { AppError } from '../../http/app-error.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';
import { toCallActivityView } from './call-activity-view.ts';

/** GET /api/v1/call-activities/:callId: pending, sent (with the Task id) or failed (with the error). */
export function getCallActivity({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { callId } = parse(callActivityParams, req.params, 'The address');
    const { organizationId } = apiClientOf(req);
    const row = await db.callActivity.findUnique({
      where: { organizationId_callId: { organizationId, callId } },
    });
    if (!row) throw new AppError('not_found', 'No such call activity.');
    send(res, callActivityView, toCallActivityView(row));
  };
}
