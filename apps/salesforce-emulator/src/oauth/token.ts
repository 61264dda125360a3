import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Emulator } from '../core/emulator.ts';
import { readForm, sendJson } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import type { ConnectedApp } from './apps.ts';
import { verifyPkce } from './flows.ts';
import type { Grant } from './tokens.ts';

function oauthError(res: ServerResponse, error: string, description: string, status = 400): void {
  sendJson(res, status, { error, error_description: description });
}

export function identityUrl(emu: Emulator, orgId: string, userId: string): string {
  return `${emu.publicUrl}/id/${orgId}/${userId}`;
}

/** The token response body, field for field as Salesforce sends it (no expires_in). */
function tokenBody(
  emu: Emulator,
  app: ConnectedApp,
  grant: Grant,
  accessToken: string,
  refreshToken: string | undefined,
) {
  const id = identityUrl(emu, grant.orgId, grant.userId);
  const issuedAt = String(emu.clock.now());
  const signature = createHmac('sha256', app.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  return {
    access_token: accessToken,
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
    signature,
    scope: grant.scope,
    instance_url: emu.publicUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}

/** POST /services/oauth2/token (authorization_code, refresh_token) and /services/oauth2/revoke. */
export function registerToken(router: Router, emu: Emulator): void {
  router.on('POST', '/services/oauth2/token', async ({ req, res }: Ctx) => {
    const form = await readForm(req);
    const grantType = form.get('grant_type');
    const app = emu.apps.get(form.get('client_id') ?? '');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(res, 'unsupported_grant_type', 'grant type not supported');
    }
    if (!app) return oauthError(res, 'invalid_client_id', 'client identifier invalid');
    if (form.get('client_secret') !== app.clientSecret)
      return oauthError(res, 'invalid_client', 'invalid client credentials');
    if (grantType === 'authorization_code') return exchangeCode(emu, app, form, res);
    const refresh = emu.tokens.validRefresh(form.get('refresh_token') ?? undefined);
    if (!refresh || refresh.clientId !== app.clientId)
      return oauthError(res, 'invalid_grant', 'expired access/refresh token');
    let refreshOut: string | undefined;
    let refreshFor = refresh.token;
    if (app.rotateRefreshTokens) {
      const rotated = emu.tokens.issueRefresh(refresh);
      emu.tokens.revokeRefresh(refresh.token);
      refreshOut = rotated.token;
      refreshFor = rotated.token;
    }
    const access = emu.tokens.issueAccess(refresh, refreshFor);
    sendJson(res, 200, tokenBody(emu, app, refresh, access.token, refreshOut));
  });

  // Salesforce accepts revocation as a form POST or as GET ?token=.
  const revoke = async ({ req, res, url }: Ctx) => {
    const form = req.method === 'GET' ? url.searchParams : await readForm(req);
    const token = form.get('token') ?? '';
    if (emu.tokens.validRefresh(token)) emu.tokens.revokeRefresh(token);
    else if (emu.tokens.validAccess(token)) emu.tokens.revokeAccess(token);
    else return oauthError(res, 'invalid_token', 'invalid token');
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
  };
  router.on('POST', '/services/oauth2/revoke', revoke);
  router.on('GET', '/services/oauth2/revoke', revoke);
}

function exchangeCode(emu: Emulator, app: ConnectedApp, form: URLSearchParams, res: ServerResponse) {
  const code = emu.auth.takeCode(form.get('code'), emu.clock.now());
  if (!code || code.clientId !== app.clientId)
    return oauthError(res, 'invalid_grant', 'authentication failure');
  if (form.get('redirect_uri') !== code.redirectUri)
    return oauthError(res, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
  if (
    code.codeChallenge &&
    !verifyPkce(code.codeChallenge, code.codeChallengeMethod, form.get('code_verifier'))
  ) {
    return oauthError(res, 'invalid_grant', 'invalid code verifier');
  }
  const grant: Grant = { orgId: code.orgId, userId: code.userId, clientId: app.clientId, scope: code.scope };
  const scopes = code.scope.split(/\s+/);
  let refreshToken: string | undefined;
  if (scopes.includes('refresh_token') || scopes.includes('offline_access') || scopes.includes('full')) {
    // Each user keeps at most N approvals per app: a new one revokes the oldest.
    const active = emu.tokens.activeApprovals(code.userId, app.clientId);
    const excess = active.length - (emu.settings.maxApprovalsPerApp - 1);
    for (const old of active.slice(0, Math.max(0, excess))) emu.tokens.revokeRefresh(old.token);
    refreshToken = emu.tokens.issueRefresh(grant).token;
  }
  const access = emu.tokens.issueAccess(grant, refreshToken);
  sendJson(res, 200, tokenBody(emu, app, grant, access.token, refreshToken));
}
