import { createHash, randomBytes } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.ts';
import { readCookie } from '../../http/cookies.ts';
import { enabledFeatures } from '../../http/features.ts';

const TOUCH_AFTER_MS = 5 * 60_000;

/** `__Host-` pins the cookie to our origin over https; plain http (local runs) cannot use it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-ch_session' : 'ch_session';
}

// Only a hash of the cookie value is stored: a copy of the sessions table opens no session.
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession({ db, env }: Deps, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + env.SESSION_TTL_HOURS * 3_600_000),
    },
  });
  return token;
}

export function setSessionCookie(res: Response, token: string, secure: boolean, ttlHours: number): void {
  res.cookie(sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ttlHours * 3_600_000,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

export async function destroySession({ db }: Deps, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Attaches `req.principal` when the cookie names a live session; never rejects by itself. */
export function loadSession(deps: Deps): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req, sessionCookieName(req.secure));
    if (!token) return next();
    const id = hashToken(token);
    const session = await deps.db.session.findUnique({
      where: { id },
      include: { user: { include: { organization: true } } },
    });
    if (!session) return next();
    const idleMs = deps.env.SESSION_IDLE_MINUTES * 60_000;
    const unusedFor = Date.now() - session.lastSeenAt.getTime();
    if (session.expiresAt.getTime() <= Date.now() || unusedFor > idleMs) {
      await destroySession(deps, id);
      return next();
    }
    // Touched well within the idle limit, so a session in use never looks idle.
    if (unusedFor > Math.min(TOUCH_AFTER_MS, idleMs / 4)) {
      await deps.db.session.update({ where: { id }, data: { lastSeenAt: new Date() } });
    }
    const { user } = session;
    req.principal = {
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      organizationId: user.organizationId,
      organizationName: user.organization.name,
      features: await enabledFeatures(deps.db, user.organizationId),
      sessionId: id,
    };
    next();
  };
}
