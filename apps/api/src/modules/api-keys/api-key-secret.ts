import { randomBytes } from 'node:crypto';
import { API_KEY_PREFIX, hashApiKey } from '../../http/api-key-auth.ts';

const DISPLAY_CHARS = 8;

/** A new key: the secret (shown once), its hash (stored) and a display prefix (stored, not secret). */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, API_KEY_PREFIX.length + DISPLAY_CHARS) };
}
