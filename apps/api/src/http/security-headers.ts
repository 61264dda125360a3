import type { RequestHandler } from 'express';

/**
 * One policy for every response, the SPA's and the API's: scripts, styles and requests only from
 * our own origin, never inline (the OAuth callback and the API reference serve theirs as files),
 * no plugins, no <base> rewriting, and no framing (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// No Cross-Origin-Opener-Policy: the Set up window goes to Salesforce and back and must keep its
// opener to post the outcome to it.
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The full URL never leaves the origin: paths and queries stay out of other sites' logs.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  next();
};
