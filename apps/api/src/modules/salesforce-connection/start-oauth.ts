import { oauthStartQuery } from '@ch/contracts';
import { buildAuthorizeUrl, createPkcePair } from '@ch/salesforce';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { principalOf } from '../../http/auth.ts';
import { parse } from '../../http/validate.ts';
import { resolveLoginHost } from './login-hosts.ts';
import { createOAuthState } from './oauth-states.ts';

/**
 * GET /api/integrations/salesforce/oauth/start: opened as a top-level page (the popup, or the
 * whole tab when popups are blocked), so it is a GET; a cross-site page may not start it.
 */
export function startOAuth(deps: Deps): RequestHandler {
  return async (req, res) => {
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      throw new AppError('forbidden', 'Start Salesforce sign-in from the Integrations page.');
    }
    const query = parse(oauthStartQuery, req.query, 'The sign-in request');
    const loginUrl = resolveLoginHost(deps.salesforceApp, query.loginHost);
    const principal = principalOf(req);
    const pkce = createPkcePair();
    const state = await createOAuthState(deps, {
      organizationId: principal.organizationId,
      userId: principal.userId,
      purpose: query.purpose === 'reset' ? 'RESET' : 'CONNECT',
      loginUrl,
      mode: query.mode,
      codeVerifier: pkce.codeVerifier,
    });
    const url = buildAuthorizeUrl({
      loginUrl,
      clientId: deps.salesforceApp.clientId,
      redirectUri: deps.salesforceApp.callbackUrl,
      state,
      codeChallenge: pkce.codeChallenge,
      // Reset Token must let the admin pick the account again rather than reuse a browser session.
      ...(query.purpose === 'reset' ? { prompt: 'login consent' } : {}),
    });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  };
}
