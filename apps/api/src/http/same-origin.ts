import type { RequestHandler } from 'express';
import { AppError } from './app-error.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for cookie-authenticated requests (see
 * docs/decisions/003-csrf.md): a POST must carry JSON (a cross-site page can only send that
 * after a CORS preflight, which we never grant), and when the browser names its
 * origin it must be ours. Together with SameSite=Lax cookies this needs no token round-trip.
 */
export function sameOrigin(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      return next(new AppError('forbidden', 'Cross-origin requests are not allowed.'));
    }
    const site = req.headers['sec-fetch-site'];
    if (origin === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      return next(new AppError('forbidden', 'Cross-site requests are not allowed.'));
    }
    // Only a POST can come from a plain cross-site form; PUT, PATCH and DELETE always need a preflight.
    if (req.method === 'POST' && !req.is('application/json')) {
      return next(new AppError('bad_request', 'Send the request body as application/json.'));
    }
    next();
  };
}
