import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '../core/emulator.ts';
import { readBody, sfError } from '../http/respond.ts';
import type { Ctx, Handler } from '../http/router.ts';
import { bearerToken } from '../oauth/identity.ts';
import type { AccessToken } from '../oauth/tokens.ts';
import type { Org, User } from '../store/types.ts';

export interface Session {
  token: AccessToken;
  org: Org;
  user: User;
  version: string;
}

export const MIN_VERSION = 20;
export const MAX_VERSION = 63;

export function parseVersion(raw: string | undefined): string {
  const m = /^v(\d{2})\.0$/.exec(raw ?? '');
  const n = Number(m?.[1]);
  if (!m || n < MIN_VERSION || n > MAX_VERSION)
    throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
  return `${n}.0`;
}

/**
 * Wraps a REST handler with what every Salesforce API call goes through: injected latency,
 * the session check, injected failures, the daily quota and the Sforce-Limit-Info header.
 */
export function authed(
  emu: Emulator,
  handler: (ctx: Ctx, session: Session) => Promise<void> | void,
): Handler {
  return async (ctx) => {
    // A slow server has the whole request and works on it even if the client gives up waiting.
    const latency = emu.faults.latencyFor(ctx.url.pathname);
    if (latency > 0) {
      await readBody(ctx.req);
      await sleep(latency, undefined, { ref: false });
    }
    const version = parseVersion(ctx.params.version);
    const token = emu.tokens.validAccess(bearerToken(ctx.req));
    const org = token ? emu.org(token.orgId) : undefined;
    const user = token ? emu.user(token.userId) : undefined;
    if (!token || !org || !user) throw sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    const usage = emu.apiUsage(org);
    const failure = emu.faults.take(ctx.url.pathname);
    if (failure === 401) {
      emu.tokens.expireAccess({ token: token.token });
      throw sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    if (failure === 503)
      throw sfError(503, 'SERVER_UNAVAILABLE', 'Server temporarily unavailable. Please try again later.');
    if (failure === 500) {
      throw sfError(
        500,
        'UNKNOWN_EXCEPTION',
        'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-89012 (-1234567890)',
      );
    }
    if (usage.used >= usage.max) {
      ctx.res.setHeader('Sforce-Limit-Info', `api-usage=${usage.used}/${usage.max}`);
      throw sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    usage.used++;
    ctx.res.setHeader('Sforce-Limit-Info', `api-usage=${usage.used}/${usage.max}`);
    if (emu.faults.takeReset(ctx.url.pathname)) {
      // The work is done and committed; its answer never arrives: the connection is reset.
      ctx.res.writeHead = (() => ctx.res) as typeof ctx.res.writeHead;
      ctx.res.end = (() => ctx.res) as typeof ctx.res.end;
      await handler(ctx, { token, org, user, version });
      ctx.req.socket.destroy();
      return;
    }
    await handler(ctx, { token, org, user, version });
  };
}
