import type { ApiKeyScope } from '@ch/contracts';
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { hashApiKey, looksLikeApiKey } from './api-key-secret.ts';

/** The service client calling /api/v1, set by `authenticateApiKey`. */
export interface ApiClient {
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
}

declare global {
  namespace Express {
    interface Request {
      apiClient?: ApiClient;
    }
  }
}

// Writing lastUsedAt on every call would turn each read into a write; once a minute is enough to
// tell a live key from a forgotten one.
const TOUCH_AFTER_MS = 60_000;

export function apiClientOf(req: Request): ApiClient {
  if (!req.apiClient) throw new AppError('unauthenticated', 'Send an API key: Authorization: Bearer <key>.');
  return req.apiClient;
}

function bearerOf(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Bearer keys only: a session cookie is ignored here (the cookie session is never loaded on
 * /api/v1), which is also why /api/v1 needs no CSRF check: a browser never attaches a bearer key
 * on its own. A revoked key fails on its next request: every request reads the key row.
 */
export function authenticateApiKey({ db }: Deps): RequestHandler {
  return async (req, res, next) => {
    const key = bearerOf(req);
    res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
    if (!key) {
      const message = req.headers.cookie
        ? 'Session cookies do not work on /api/v1: send an API key as Authorization: Bearer <key>.'
        : 'Send an API key: Authorization: Bearer <key>.';
      throw new AppError('unauthenticated', message);
    }
    const row = looksLikeApiKey(key)
      ? await db.apiKey.findUnique({
          where: { hash: hashApiKey(key) },
          include: {
            organization: { select: { featureFlags: { where: { key: 'integrations', enabled: true } } } },
          },
        })
      : null;
    if (!row || row.revokedAt)
      throw new AppError('unauthenticated', 'The API key is not valid or was revoked.');
    res.removeHeader('WWW-Authenticate');
    // As for sessions: a feature support turned off does not exist for the organization.
    if (row.organization.featureFlags.length === 0) throw new AppError('not_found', 'No such endpoint.');
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await db.apiKey.updateMany({
        where: {
          id: row.id,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(Date.now() - TOUCH_AFTER_MS) } }],
        },
        data: { lastUsedAt: new Date() },
      });
    }
    req.apiClient = {
      apiKeyId: row.id,
      organizationId: row.organizationId,
      scopes: row.scopes as ApiKeyScope[],
    };
    next();
  };
}

export function requireScope(scope: ApiKeyScope): RequestHandler {
  return (req, _res, next) => {
    if (!apiClientOf(req).scopes.includes(scope)) {
      throw new AppError('forbidden', `This API key lacks the ${scope} scope.`);
    }
    next();
  };
}
