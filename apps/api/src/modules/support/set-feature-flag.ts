import { featureFlagParams, setFeatureFlagRequest, setFeatureFlagResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { send } from '../../http/send.ts';
import { parse } from '../../http/validate.ts';

/** PUT /api/support/organizations/:orgId/feature-flags/:key: set a flag and audit it together. */
export function setFeatureFlag({ db }: Deps): RequestHandler {
  return async (req, res) => {
    const { orgId, key } = parse(featureFlagParams, req.params, 'The address');
    const { enabled } = parse(setFeatureFlagRequest, req.body);
    const actor = principalOf(req);
    await db.$transaction(async (tx) => {
      const org = await tx.organization.findUnique({ where: { id: orgId }, select: { id: true } });
      if (!org) throw new AppError('not_found', 'No such organization.');
      const before = await tx.featureFlag.findUnique({
        where: { organizationId_key: { organizationId: orgId, key } },
      });
      await tx.featureFlag.upsert({
        where: { organizationId_key: { organizationId: orgId, key } },
        create: { organizationId: orgId, key, enabled },
        update: { enabled },
      });
      await recordAudit(tx, {
        organizationId: orgId,
        actorUserId: actor.userId,
        action: 'feature_flag.updated',
        details: { key, from: before?.enabled ?? false, to: enabled },
      });
    });
    send(res, setFeatureFlagResponse, { organizationId: orgId, key, enabled });
  };
}
