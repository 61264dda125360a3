import { createHash } from 'node:crypto';
import type { ApiKeyScope, FeatureKey } from '@ch/contracts';
import type { Request, RequestHandler } from 'express';
import type { Deps } from '../deps.ts';
import { AppError } from './app-error.ts';
import { knownFeatures } from './features.ts';

/** The service client calling /api/v1, set by `authenticateApiKey`. */
export interface ApiClient {
  apiKeyId: string;
  organizationId: string;
  scopes: ApiKeyScope[];
  features: FeatureKey[];
  lastUsedAt: Date | null;
}

declare global {
  namespace Express {
    interface Request {
      apiClient?: ApiClient;
    }
  }
}

export const API_KEY_PREFIX = 'chk_live_';

// 256 random bits: a plain SHA-256 is enough to store it (nothing to brute-force, unlike a
// password), and it lets a request find its key by one indexed lookup.
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Cheap shape check before any database work; a key of another shape is simply unknown. */
const KEY_SHAPE = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{43}$`);
const looksLikeApiKey = (value: string) => KEY_SHAPE.test(value);

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

interface KeyRow {
  id: string;
  organizationId: string;
  scopes: string[];
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  features: string[];
}

// The key and its organization's enabled features in one round trip: every /api/v1 request pays
// for it, a records page included (decision 021).
const findKey = async (db: Deps['db'], hash: string): Promise<KeyRow | undefined> =>
  (
    await db.$queryRaw<KeyRow[]>`
      SELECT a.id, a."organizationId", a.scopes, a."lastUsedAt", a."revokedAt",
        ARRAY(SELECT f.key FROM "FeatureFlag" f WHERE f."organizationId" = a."organizationId" AND f.enabled) AS features
      FROM "ApiKey" a WHERE a.hash = ${hash}`
  )[0];

/**
 * Bearer keys only: a session cookie is ignored here (the cookie session is never loaded on
 * /api/v1), which is also why /api/v1 needs no CSRF check: a browser never attaches a bearer key
 * on its own. A revoked key fails on its next request: every request reads the key row.
 * Mount `requireFeature`, then `touchApiKey`, after it.
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
    const row = looksLikeApiKey(key) ? await findKey(db, hashApiKey(key)) : undefined;
    if (!row || row.revokedAt)
      throw new AppError('unauthenticated', 'The API key is not valid or was revoked.');
    res.removeHeader('WWW-Authenticate');
    req.apiClient = {
      apiKeyId: row.id,
      organizationId: row.organizationId,
      scopes: row.scopes as ApiKeyScope[],
      features: knownFeatures(row.features),
      lastUsedAt: row.lastUsedAt,
    };
    next();
  };
}

/** Records that the key is in use; after `requireFeature`, so a call to a disabled feature is no use. */
export function touchApiKey({ db }: Deps): RequestHandler {
  return async (req, _res, next) => {
    const { apiKeyId, organizationId, lastUsedAt } = apiClientOf(req);
    if (!lastUsedAt || Date.now() - lastUsedAt.getTime() > TOUCH_AFTER_MS) {
      await db.apiKey.updateMany({
        where: {
          organizationId,
          id: apiKeyId,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(Date.now() - TOUCH_AFTER_MS) } }],
        },
        data: { lastUsedAt: new Date() },
      });
    }
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
