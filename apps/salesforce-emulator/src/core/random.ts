import { randomBytes } from 'node:crypto';

// Secrets (tokens, codes, keys) must be unguessable, so they come from crypto, not the seeded PRNG.
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
