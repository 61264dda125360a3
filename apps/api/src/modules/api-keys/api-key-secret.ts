import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'chk_live_';
const DISPLAY_CHARS = 8;

// 256 random bits: a plain SHA-256 is enough to store it (nothing to brute-force, unlike a
// password), and it lets a request find its key by one indexed lookup.
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key: the secret (shown once), its hash (stored) and a display prefix (stored, not secret). */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, KEY_PREFIX.length + DISPLAY_CHARS) };
}

/** Cheap shape check before any database work; a key of another shape is simply unknown. */
export const looksLikeApiKey = (value: string) => /^chk_live_[A-Za-z0-9_-]{43}$/.test(value);
