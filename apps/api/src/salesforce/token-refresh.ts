import { randomUUID } from 'node:crypto';
import { type RefreshedTokens, SalesforceError } from '@ch/salesforce';
import type { Deps } from '../deps.ts';

/** The organization's refresh claim (an AppSetting row): who refreshes now, since `updatedAt`. */
export const REFRESH_CLAIM_KEY = 'salesforce.token_refresh_claim';
/** A claim older than this belongs to a process that died mid-refresh: another may take it. */
const CLAIM_MS = 60_000;
/**
 * The claimant stops waiting for Salesforce after this, well before its claim could be taken over,
 * so two refreshes of one connection never overlap (a rotated refresh token would be lost).
 */
const GRANT_MS = 30_000;
/** How often a process waiting for another's refresh looks at the token row again. */
const WAIT_STEP_MS = 100;
/** A waiter gives up after this (the claim's own life plus a margin). */
const WAIT_MS = CLAIM_MS + 15_000;

/** `grant()`, or a transient failure once it has taken GRANT_MS. */
async function boundedGrant(grant: () => Promise<RefreshedTokens>): Promise<RefreshedTokens> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SalesforceError('transient', 'Salesforce took too long to refresh the token')),
      GRANT_MS,
    );
  });
  try {
    return await Promise.race([grant(), late]);
  } finally {
    clearTimeout(timer);
  }
}

type Step = { kind: 'adopt'; tokens: RefreshedTokens } | { kind: 'wait' } | { kind: 'refresh' };

/**
 * One refresh at a time per connection, across every process, without holding a database
 * transaction (or a pooled connection) over the HTTP call to Salesforce. Short transactions
 * serialized by an advisory lock on the token decide: if the stored access token is no longer the
 * stale one, another process refreshed it and it is adopted (with rotating refresh tokens a second
 * refresh would even invalidate the first one's token); else the process that writes the
 * organization's claim refreshes, outside any transaction, and stores the tokens under the lock
 * again, while the others wait for the stored token to change. A claim left by a dead process
 * expires after 60 s; a refresh gives up after 30 s (the old transaction's own limit).
 */
export function coordinateRefresh({ db, secretBox }: Deps, token: { organizationId: string; id: string }) {
  const tokenId = token.id;
  const key = { organizationId_id: { organizationId: token.organizationId, id: tokenId } };
  const mine = randomUUID();
  const decide = (stale: string) =>
    db.$transaction(async (tx): Promise<Step & { organizationId: string }> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${tokenId}))`;
      const current = await tx.oAuthToken.findUnique({ where: key });
      if (current?.status !== 'ACTIVE') {
        throw new SalesforceError(
          'auth_revoked',
          'The Salesforce connection was removed or must be reconnected',
        );
      }
      const { organizationId } = current;
      const stored = secretBox.open(current.accessTokenEnc);
      if (stored !== stale) {
        return {
          kind: 'adopt',
          organizationId,
          tokens: { accessToken: stored, refreshToken: secretBox.open(current.refreshTokenEnc) },
        };
      }
      // Taken when free, expired, or already ours; none returned while another's is fresh.
      const claimed = await tx.$queryRaw<unknown[]>`
        INSERT INTO "AppSetting" ("organizationId", key, value, "updatedAt")
        VALUES (${organizationId}::uuid, ${REFRESH_CLAIM_KEY}, ${mine}, now() AT TIME ZONE 'UTC')
        ON CONFLICT ("organizationId", key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"
        WHERE "AppSetting".value = EXCLUDED.value
           OR "AppSetting"."updatedAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => ${CLAIM_MS / 1000}::float8)
        RETURNING 1 AS claimed`;
      return { kind: claimed.length > 0 ? 'refresh' : 'wait', organizationId };
    });
  const release = (organizationId: string) =>
    db.$executeRaw`DELETE FROM "AppSetting" WHERE "organizationId" = ${organizationId}::uuid AND key = ${REFRESH_CLAIM_KEY} AND value = ${mine}`;

  return async (
    staleAccessToken: string,
    grant: () => Promise<RefreshedTokens>,
  ): Promise<RefreshedTokens> => {
    const giveUpAt = Date.now() + WAIT_MS;
    for (;;) {
      const step = await decide(staleAccessToken);
      if (step.kind === 'adopt') return step.tokens;
      if (step.kind === 'refresh') {
        try {
          // The HTTP call, with no transaction open.
          const fresh = await boundedGrant(grant);
          await db.$transaction(async (tx) => {
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${tokenId}))`;
            await tx.oAuthToken.update({
              where: key,
              data: {
                accessTokenEnc: secretBox.seal(fresh.accessToken),
                ...(fresh.refreshToken ? { refreshTokenEnc: secretBox.seal(fresh.refreshToken) } : {}),
                refreshedAt: new Date(),
              },
            });
          });
          return fresh;
        } finally {
          // Waiters then adopt the stored token, or (the refresh failed) try their own.
          await release(step.organizationId).catch(() => undefined);
        }
      }
      if (Date.now() > giveUpAt) {
        throw new SalesforceError('transient', 'Another process is still refreshing the Salesforce token');
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
  };
}
