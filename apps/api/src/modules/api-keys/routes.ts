import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { requireFeature } from '../../http/features.ts';
import { createApiKey } from './create-api-key.ts';
import { listApiKeys } from './list-api-keys.ts';
import { revokeApiKey } from './revoke-api-key.ts';

/** /api/api-keys: admins manage the keys service clients use on /api/v1 (part of Integrations). */
export function apiKeysRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireFeature('integrations'), requireRole('ADMIN'));
  router.get('/', listApiKeys(deps));
  router.post('/', createApiKey(deps));
  router.delete('/:id', revokeApiKey(deps));
  return router;
}
