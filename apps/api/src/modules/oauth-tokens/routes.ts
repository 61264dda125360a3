import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { requireRole, requireUser } from '../../http/auth.ts';
import { getOAuthTokens } from './get-oauth-tokens.ts';

export function oauthTokensRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser, requireRole('ADMIN'));
  router.get('/', getOAuthTokens(deps));
  return router;
}
