import { loginRequest } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { parse } from '../../http/validate.ts';
import { clearFailures, isThrottled, recordFailure } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, destroySession, setSessionCookie } from './sessions.ts';

/** POST /api/auth/login: a fresh session id on every login (no fixation), 204 on success. */
export function postLogin(deps: Deps): RequestHandler {
  return async (req, res) => {
    const { email: rawEmail, password } = parse(loginRequest, req.body);
    const email = rawEmail.toLowerCase();
    const ip = req.ip ?? 'unknown';
    if (await isThrottled(deps.db, email, ip)) {
      throw new AppError('rate_limited', 'Too many failed attempts. Try again in a few minutes.');
    }
    const user = await deps.db.user.findUnique({ where: { email } });
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      await recordFailure(deps.db, email, ip);
      req.log.info({ email }, 'login failed');
      throw new AppError('invalid_credentials', 'Invalid email or password.');
    }
    await clearFailures(deps.db, email);
    if (req.principal) await destroySession(deps, req.principal.sessionId);
    const token = await createSession(deps, user.id);
    setSessionCookie(res, token, req.secure, deps.env.SESSION_TTL_HOURS);
    req.log.info({ userId: user.id }, 'login');
    res.status(204).end();
  };
}
