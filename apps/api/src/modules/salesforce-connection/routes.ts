import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { disconnectSalesforce } from './disconnect-salesforce.ts';
import { getOAuthCallback } from './get-oauth-callback.ts';
import { getOAuthCallbackScript } from './get-oauth-callback-script.ts';
import { startOAuth } from './start-oauth.ts';

/** Mounted under /api/integrations/salesforce, behind the integrations router's guards. */
export function salesforceConnectionRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/oauth/start', startOAuth(deps));
  router.get('/oauth/callback', getOAuthCallback(deps));
  router.get('/oauth/callback.js', getOAuthCallbackScript());
  router.post('/disconnect', disconnectSalesforce(deps));
  return router;
}
