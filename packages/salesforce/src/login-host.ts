import type { LoginHost } from './types.ts';

export const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/** Turns a LoginHost into the origin that serves /services/oauth2/*. */
export function resolveLoginUrl(host: LoginHost): string {
  if (host === 'production') return PRODUCTION_LOGIN_URL;
  if (host === 'sandbox') return SANDBOX_LOGIN_URL;
  const url = new URL(host);
  // Plain http only makes sense for a local emulator; anything real must be https.
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new TypeError(`Login host must be an https URL, got ${url.protocol}//${url.host}`);
  }
  return url.origin;
}
