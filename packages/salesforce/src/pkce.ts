import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** Keep server-side (e.g. in the OAuth state record) until the code comes back. */
  codeVerifier: string;
  /** base64url(SHA-256(codeVerifier)), sent on the authorize URL. */
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

export function createPkcePair(): PkcePair {
  // 64 random bytes -> 86 base64url chars, inside RFC 7636's 43..128.
  const codeVerifier = randomBytes(64).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier), codeChallengeMethod: 'S256' };
}
