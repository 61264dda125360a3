import { type OAuthOutcome, type SyncObject, text } from '@ch/contracts';
import { exchangeCode, getIdentity, isSalesforceError, revokeToken } from '@ch/salesforce';
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/auth.ts';
import { finishOAuth } from './callback-page.ts';
import { saveConnection } from './connection-store.ts';
import { type ConsumedState, consumeOAuthState, peekMode } from './oauth-states.ts';

const callbackQuery = z.object({
  state: text().min(1).max(200).optional(),
  code: text().min(1).max(1000).optional(),
  error: text().max(200).optional(),
});

/**
 * GET /api/integrations/salesforce/oauth/callback: where Salesforce sends the browser back. Any
 * failure ends on a page that says what happened and stores nothing.
 */
export function getOAuthCallback(deps: Deps): RequestHandler {
  return async (req, res) => {
    const query = callbackQuery.safeParse(req.query);
    const state = query.success ? query.data.state : undefined;
    const mode = state ? await peekMode(deps, state) : undefined;
    const { outcome, reloaded } = await complete(deps, req, query.success ? query.data : {});
    req.log.info({ outcome }, 'salesforce oauth finished');
    finishOAuth(res, deps.env.appOrigin, mode, outcome, reloaded);
  };
}

/** How the round trip ended; after an org switch, the objects being reloaded from the new org. */
interface Finished {
  outcome: OAuthOutcome;
  reloaded?: SyncObject[];
}

async function complete(deps: Deps, req: Request, query: z.infer<typeof callbackQuery>): Promise<Finished> {
  if (!query.state) return { outcome: 'invalid_state' };
  // Consume the state even on a denial, so the same state can never be used again.
  const started = await consumeOAuthState(deps, query.state);
  const principal = principalOf(req);
  // A state is good only for the organization and user who started it.
  if (
    !started ||
    started.organizationId !== principal.organizationId ||
    started.userId !== principal.userId
  ) {
    return { outcome: 'invalid_state' };
  }
  if (query.error) {
    return { outcome: query.error.replace('-', '_') === 'access_denied' ? 'denied' : 'exchange_failed' };
  }
  if (!query.code) return { outcome: 'invalid_state' };
  return exchangeAndStore(deps, req, started, query.code);
}

async function exchangeAndStore(
  deps: Deps,
  req: Request,
  started: ConsumedState,
  code: string,
): Promise<Finished> {
  const app = deps.salesforceApp;
  let tokens: Awaited<ReturnType<typeof exchangeCode>>;
  try {
    tokens = await exchangeCode({
      loginUrl: started.loginUrl,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: app.callbackUrl,
      code,
      codeVerifier: started.codeVerifier,
    });
  } catch (error) {
    req.log.warn(
      { kind: isSalesforceError(error) ? error.kind : 'unknown' },
      'salesforce code exchange failed',
    );
    return { outcome: isSalesforceError(error) && error.kind === 'transient' ? 'failed' : 'exchange_failed' };
  }
  if (!tokens.refreshToken) {
    req.log.warn('salesforce granted no refresh token: the connected app must allow the refresh_token scope');
    return { outcome: 'exchange_failed' };
  }
  try {
    const identity = await getIdentity({ identityUrl: tokens.identityUrl, accessToken: tokens.accessToken });
    const { outcome, replaced, reloaded } = await saveConnection(deps, {
      organizationId: started.organizationId,
      userId: started.userId,
      purpose: started.purpose,
      loginUrl: started.loginUrl,
      tokens: { ...tokens, refreshToken: tokens.refreshToken, scope: tokens.scope.join(' ') },
      identity: { ...identity, displayName: identity.displayName || null },
    });
    if (outcome === 'different_org') await revokeQuietly(req, started.loginUrl, tokens.refreshToken);
    if (replaced) await revokeQuietly(req, replaced.loginUrl, replaced.refreshToken);
    return reloaded ? { outcome, reloaded } : { outcome };
  } catch (error) {
    req.log.error({ err: error }, 'storing the salesforce connection failed');
    await revokeQuietly(req, started.loginUrl, tokens.refreshToken);
    return { outcome: 'failed' };
  }
}

/** A token we will not keep is revoked, so it does not linger as one of the user's five approvals. */
async function revokeQuietly(req: Request, loginUrl: string, token: string): Promise<void> {
  await revokeToken({ loginUrl, token }).catch((error: unknown) => {
    req.log.warn(
      { kind: isSalesforceError(error) ? error.kind : 'unknown' },
      'revoking an unused token failed',
    );
  });
}
