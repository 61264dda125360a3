import { createHash, randomBytes } from 'node:crypto';
import type { OAuthPurpose } from '@ch/db';
import type { Deps } from '../../deps.ts';
import { SALESFORCE_PROVIDER } from '../../wire-names/provider.ts';

const STATE_TTL_MS = 10 * 60_000;
const hash = (state: string) => createHash('sha256').update(state).digest('hex');

/** A one-time state bound to who started the flow, with its PKCE verifier encrypted at rest. */
export async function createOAuthState(
  { db, secretBox }: Deps,
  input: {
    organizationId: string;
    userId: string;
    purpose: OAuthPurpose;
    loginUrl: string;
    mode: string;
    codeVerifier: string;
  },
): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  const { codeVerifier, ...rest } = input;
  await db.$transaction([
    db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - STATE_TTL_MS) } } }),
    db.oAuthState.create({
      data: {
        ...rest,
        id: hash(state),
        provider: SALESFORCE_PROVIDER,
        codeVerifierEnc: secretBox.seal(codeVerifier),
        expiresAt: new Date(Date.now() + STATE_TTL_MS),
      },
    }),
  ]);
  return state;
}

export interface ConsumedState {
  organizationId: string;
  userId: string;
  purpose: OAuthPurpose;
  loginUrl: string;
  mode: string;
  codeVerifier: string;
}

/**
 * Marks the state used and returns it, in one statement, so two racing callbacks cannot both
 * succeed. Unknown, expired and already-used states all come back null.
 */
export async function consumeOAuthState(
  { db, secretBox }: Deps,
  state: string,
): Promise<ConsumedState | null> {
  const claimed = await db.oAuthState.updateManyAndReturn({
    where: { id: hash(state), consumedAt: null, expiresAt: { gt: new Date() } },
    data: { consumedAt: new Date() },
  });
  const row = claimed[0];
  if (!row) return null;
  return {
    organizationId: row.organizationId,
    userId: row.userId,
    purpose: row.purpose,
    loginUrl: row.loginUrl,
    mode: row.mode,
    codeVerifier: secretBox.open(row.codeVerifierEnc),
  };
}

/** The mode of a state even when it can no longer be consumed, to answer the right way. */
export async function peekMode({ db }: Deps, state: string): Promise<string | undefined> {
  const row = await db.oAuthState.findFirst({ where: { id: hash(state) }, select: { mode: true } });
  return row?.mode;
}
