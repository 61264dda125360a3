import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { requireFeature } from '../../http/features.ts';
import { listOAuthTokens } from './list-oauth-tokens.ts';

/** /api/oauth-tokens: part of Integrations, so it does not exist while the organization's flag is off. */
export function oauthTokensRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireFeature('integrations'), requireRole('ADMIN'));
  router.get('/', listOAuthTokens(deps));
  return router;
}
