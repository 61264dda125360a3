import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { requireFeature } from '../../http/features.ts';
import { deleteApiKey } from './delete-api-key.ts';
import { getApiKeys } from './get-api-keys.ts';
import { postApiKey } from './post-api-key.ts';

/** /api/api-keys: admins manage the keys service clients use on /api/v1 (part of Integrations). */
export function apiKeysRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireFeature('integrations'), requireRole('ADMIN'));
  router.get('/', getApiKeys(deps));
  router.post('/', postApiKey(deps));
  router.delete('/:id', deleteApiKey(deps));
  return router;
}
