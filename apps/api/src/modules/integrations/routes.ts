import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { requireFeature } from '../../http/features.ts';
import { salesforceConnectionRoutes } from '../salesforce-connection/routes.ts';
import { salesforceSyncsRoutes } from '../salesforce-syncs/routes.ts';
import { listIntegrations } from './list-integrations.ts';

/** Everything under /api/integrations: 404 while the organization's flag is off, admins only. */
export function integrationsRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireFeature('integrations'), requireRole('ADMIN'));
  router.get('/', listIntegrations(deps));
  router.use('/salesforce/syncs', salesforceSyncsRoutes(deps));
  router.use('/salesforce', salesforceConnectionRoutes(deps));
  return router;
}
