import type { Emulator } from '../core/emulator.ts';
import { readForm, redirect, sendHtml } from '../http/respond.ts';
import type { Ctx, Router } from '../http/router.ts';
import { approvalPage, errorPage, loginPage } from './pages.ts';

const DEFAULT_SCOPE = 'api refresh_token id';

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** GET /services/oauth2/authorize and the login / approval form posts that follow it. */
export function registerAuthorize(router: Router, emu: Emulator): void {
  router.on('GET', '/services/oauth2/authorize', ({ url, res }: Ctx) => {
    const q = url.searchParams;
    const app = emu.apps.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    // Never redirect to an unverified URI: show an error page like Salesforce does.
    if (!app)
      return sendHtml(
        res,
        400,
        errorPage('OAuth Error', 'error=invalid_client_id: client identifier invalid'),
      );
    if (!app.callbackUrls.includes(redirectUri)) {
      return sendHtml(
        res,
        400,
        errorPage('OAuth Error', 'error=redirect_uri_mismatch: redirect_uri must match configuration'),
      );
    }
    const state = q.get('state') ?? undefined;
    if (q.get('response_type') !== 'code') {
      return redirect(
        res,
        withParams(redirectUri, {
          error: 'unsupported_response_type',
          error_description: 'response type not supported',
          state,
        }),
      );
    }
    const pending = emu.auth.createPending({
      clientId: app.clientId,
      redirectUri,
      state,
      scope: q.get('scope') ?? DEFAULT_SCOPE,
      codeChallenge: q.get('code_challenge') ?? undefined,
      codeChallengeMethod: q.get('code_challenge_method') ?? 'S256',
      createdAt: emu.clock.now(),
    });
    // Every authorize shows the login form, which also satisfies prompt=login.
    sendHtml(res, 200, loginPage(pending.id));
  });

  router.on('POST', '/services/oauth2/authorize/login', async ({ req, res }: Ctx) => {
    const form = await readForm(req);
    const pending = emu.auth.getPending(form.get('pending'), emu.clock.now());
    if (!pending)
      return sendHtml(
        res,
        400,
        errorPage('Session expired', 'Your login session expired. Start again from the application.'),
      );
    const user = emu.userByUsername(form.get('username') ?? '');
    if (!user || user.password !== form.get('password')) {
      return sendHtml(
        res,
        200,
        loginPage(
          pending.id,
          'Please check your username and password. If you still can’t log in, contact your Salesforce administrator.',
        ),
      );
    }
    pending.userId = user.id;
    const appName = emu.apps.get(pending.clientId)?.name ?? pending.clientId;
    sendHtml(res, 200, approvalPage(pending.id, appName, user.username, pending.scope));
  });

  router.on('POST', '/services/oauth2/authorize/decision', async ({ req, res }: Ctx) => {
    const form = await readForm(req);
    const pending = emu.auth.getPending(form.get('pending'), emu.clock.now());
    const user = pending?.userId ? emu.user(pending.userId) : undefined;
    if (!pending || !user)
      return sendHtml(
        res,
        400,
        errorPage('Session expired', 'Your login session expired. Start again from the application.'),
      );
    emu.auth.finish(pending.id);
    if (form.get('decision') !== 'allow') {
      return redirect(
        res,
        withParams(pending.redirectUri, {
          error: 'access_denied',
          error_description: 'end-user denied authorization',
          state: pending.state,
        }),
      );
    }
    const code = emu.auth.issueCode(pending, user.orgId, user.id, emu.clock.now() + emu.settings.codeTtlMs);
    redirect(res, withParams(pending.redirectUri, { code, state: pending.state }));
  });
}
