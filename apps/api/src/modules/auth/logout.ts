import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { clearSessionCookie, destroySession } from './sessions.ts';

/** POST /api/auth/logout: ends the session server-side, not just the cookie. */
export function logout(deps: Deps): RequestHandler {
  return async (req, res) => {
    if (req.principal) await destroySession(deps, req.principal.sessionId);
    clearSessionCookie(res, req.secure);
    res.status(204).end();
  };
}
