import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { listAuditEvents } from './list-audit-events.ts';
import { listOrganizations } from './list-organizations.ts';
import { setFeatureFlag } from './set-feature-flag.ts';

/** Cloverhound support's tools: every route is for SUPPORT users only. */
export function supportRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireRole('SUPPORT'));
  router.get('/organizations', listOrganizations(deps));
  router.put('/organizations/:orgId/feature-flags/:key', setFeatureFlag(deps));
  router.get('/audit-events', listAuditEvents(deps));
  return router;
}
