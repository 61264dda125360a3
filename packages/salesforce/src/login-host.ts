/**
 * A login URL (the API resolves the admin's choice of host to one) to the origin that serves
 * /services/oauth2/*.
 */
export function resolveLoginUrl(host: string): string {
  const url = new URL(host);
  // Plain http only makes sense for a local emulator; anything real must be https.
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new TypeError(`Login host must be an https URL, got ${url.protocol}//${url.host}`);
  }
  return url.origin;
}
