import { type RefreshedTokens, SalesforceError } from '@ch/salesforce';
import type { Deps } from '../deps.ts';

/**
 * One refresh at a time per connection, across every process: the refresh runs under a
 * transaction-scoped advisory lock on the token row. A process that waited for the lock finds the
 * access token already replaced and adopts it instead of spending another refresh (with rotating
 * refresh tokens, a second refresh would even invalidate the first one's token).
 */
export function coordinateRefresh({ db, secretBox }: Deps, tokenId: string) {
  return (staleAccessToken: string, grant: () => Promise<RefreshedTokens>): Promise<RefreshedTokens> =>
    db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${tokenId}))`;
        const current = await tx.oAuthToken.findUnique({ where: { id: tokenId } });
        if (current?.status !== 'ACTIVE') {
          throw new SalesforceError(
            'auth_revoked',
            'The Salesforce connection was removed or must be reconnected',
          );
        }
        const stored = secretBox.open(current.accessTokenEnc);
        if (stored !== staleAccessToken) {
          return { accessToken: stored, refreshToken: secretBox.open(current.refreshTokenEnc) };
        }
        const fresh = await grant();
        await tx.oAuthToken.update({
          where: { id: tokenId },
          data: {
            accessTokenEnc: secretBox.seal(fresh.accessToken),
            ...(fresh.refreshToken ? { refreshTokenEnc: secretBox.seal(fresh.refreshToken) } : {}),
            refreshedAt: new Date(),
          },
        });
        return fresh;
      },
      // The refresh is an HTTP call inside the transaction: give it room, then give up.
      { timeout: 30_000, maxWait: 30_000 },
    );
}
