import { objectSyncView, syncObjectParams, syncSettings, updateSyncRequest } from '@ch/contracts';
import { tenantKey } from '@ch/db';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';

import { checkFieldChoice, storeFieldChoice } from './field-choice.ts';
import { findSyncOr404 } from './find-sync.ts';
import { requireCdc } from './require-cdc.ts';
import { loadSyncView } from './sync-view.ts';

/**
 * PATCH /api/integrations/salesforce/syncs/:object: saves method, interval and the enable switch.
 * A save also closes a tripped circuit breaker: the admin has looked at it and wants it to run.
 * `fields` replaces the chosen extra fields, checked against the org's describe (field-choice.ts).
 */
export function updateSync(deps: Deps): RequestHandler {
  const { db } = deps;
  return async (req, res) => {
    const { object } = parse(syncObjectParams, req.params, 'The address');
    const patch = parse(updateSyncRequest, req.body);
    const actor = principalOf(req);
    const { organizationId } = actor;
    const before = await findSyncOr404(db, organizationId, object);
    const chosen = await checkFieldChoice(deps, organizationId, before, patch.fields);
    // Turning CDC on, or choosing CDC for a sync that is on: the org is asked before anything is
    // stored (a network call, so outside the transaction).
    if (
      (patch.method ?? before.method) === 'CDC' &&
      (patch.enabled ?? before.enabled) &&
      (patch.method !== undefined || patch.enabled !== undefined)
    ) {
      await requireCdc(deps, organizationId, object);
    }
    const saved = await db.$transaction(async (tx) => {
      // Read again inside the transaction: a concurrent save or removal may have come between.
      const current = await findSyncOr404(tx, organizationId, object);
      // Switching to CDC drops the interval, so a client need not send `intervalMinutes: null`.
      const method = patch.method === undefined ? current.method : patch.method;
      const merged = {
        method,
        intervalMinutes:
          patch.intervalMinutes !== undefined
            ? patch.intervalMinutes
            : method === 'REST'
              ? current.intervalMinutes
              : null,
        enabled: patch.enabled ?? current.enabled,
      };
      parse(syncSettings, merged, `The ${object} sync`);
      const reopened = current.status === 'ERROR' ? { status: 'ACTIVE' as const } : {};
      const fields = chosen ? await storeFieldChoice(tx, current, chosen) : {};
      const sync = await tx.objectSync.update({
        where: tenantKey(current),
        // nextRunAt cleared: a sync just turned on or changed runs within seconds, not an interval later.
        data: { ...merged, ...reopened, ...fields, consecutiveFailures: 0, nextRunAt: null },
      });
      await recordAudit(tx, {
        organizationId,
        actorUserId: actor.userId,
        action: 'salesforce.sync_changed',
        details: { object, ...merged, ...(chosen ? { fields: chosen.map((field) => field.name) } : {}) },
      });
      return sync;
    });
    send(res, objectSyncView, await loadSyncView(db, saved));
  };
}
