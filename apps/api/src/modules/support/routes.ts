import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { getAuditEvents } from './get-audit-events.ts';
import { getOrganizations } from './get-organizations.ts';
import { putFeatureFlag } from './put-feature-flag.ts';

/** Cloverhound support's tools: every route is for SUPPORT users only. */
export function supportRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireRole('SUPPORT'));
  router.get('/organizations', getOrganizations(deps));
  router.put('/organizations/:orgId/feature-flags/:key', putFeatureFlag(deps));
  router.get('/audit-events', getAuditEvents(deps));
  return router;
}
