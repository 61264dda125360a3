import { loginRequest } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { parse } from '../../http/validate.ts';
import { clientAddress } from './client-address.ts';
import { releaseAttempt, reserveAttempt } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, destroySession, setSessionCookie } from './sessions.ts';

/** POST /api/auth/login: a fresh session id on every login (no fixation), 204 on success. */
export function login(deps: Deps): RequestHandler {
  return async (req, res) => {
    const { email: rawEmail, password } = parse(loginRequest, req.body);
    const attempt = { email: rawEmail.toLowerCase(), address: clientAddress(req.ip) };
    // Counted before the password is checked, so concurrent guesses cannot outrun the count.
    const reservation = await reserveAttempt(deps.db, attempt);
    if (!reservation.ok) {
      res.setHeader('Retry-After', String(reservation.retryAfterSeconds));
      req.log.info({ email: attempt.email, address: attempt.address }, 'login throttled');
      throw new AppError(
        'rate_limited',
        `Too many failed attempts. Try again in ${wait(reservation.retryAfterSeconds)}.`,
      );
    }
    const user = await deps.db.user.findUnique({ where: { email: attempt.email } });
    if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
      req.log.info({ email: attempt.email, address: attempt.address }, 'login failed');
      throw new AppError('invalid_credentials', 'Invalid email or password.');
    }
    await releaseAttempt(deps.db, attempt);
    if (req.principal) await destroySession(deps, req.principal.sessionId);
    const token = await createSession(deps, user.id);
    setSessionCookie(res, token, req.secure, deps.env.SESSION_TTL_HOURS);
    req.log.info({ userId: user.id }, 'login');
    res.status(204).end();
  };
}

const wait = (seconds: number) =>
  seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
