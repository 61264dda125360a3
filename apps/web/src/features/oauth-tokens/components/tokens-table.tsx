import type { OAuthTokenView } from '@ch/contracts';
import { useId } from 'react';
import { TableRegion } from '../../../components/ui/table-region.tsx';
import { When } from '../../../components/ui/when.tsx';

const STATUS = {
  active: { text: 'Active', className: 'status-success' },
  needs_reconnect: { text: 'Needs reconnect', className: 'status-warning' },
} as const;

/** One provider's tokens. The API sends no secrets, so there are none to hide here. */
export function TokensTable({ provider, tokens }: { provider: string; tokens: OAuthTokenView[] }) {
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{provider}</h2>
      <TableRegion labelledBy={headingId}>
        <table className="table tokens-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Account</th>
              <th scope="col">Scopes</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Last refreshed</th>
              <th scope="col">Authorized by</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>
                  <code>{token.provider}</code>
                </td>
                <td>
                  {token.account ? (
                    <span className="token-account">
                      <span>{token.account.username}</span>
                      <span className="muted">{token.account.instanceUrl}</span>
                    </span>
                  ) : (
                    <span className="muted">No linked account</span>
                  )}
                </td>
                <td>
                  <span className="token-scopes">
                    {token.scopes.map((scope) => (
                      <code key={scope}>{scope}</code>
                    ))}
                  </span>
                </td>
                <td>
                  <span className={`status-badge ${STATUS[token.status].className}`}>
                    {STATUS[token.status].text}
                  </span>
                </td>
                <td>
                  <When iso={token.createdAt} />
                </td>
                <td>
                  <RefreshedCell token={token} />
                </td>
                <td>{token.authorizedBy ?? <span className="muted">Unknown</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** A grant issued well after the token row was created came from Reset Token. */
const RESET_AFTER_MS = 60_000;

/**
 * The last time the token was renewed: a refresh, or a Reset Token (which issues a new grant and
 * starts refreshes over), whichever came last.
 */
export function lastRefreshed(token: Pick<OAuthTokenView, 'createdAt' | 'issuedAt' | 'refreshedAt'>) {
  const reset =
    Date.parse(token.issuedAt) - Date.parse(token.createdAt) > RESET_AFTER_MS ? token.issuedAt : null;
  const candidates = [token.refreshedAt, reset].filter((at): at is string => at !== null);
  return candidates.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
}

function RefreshedCell({ token }: { token: OAuthTokenView }) {
  const at = lastRefreshed(token);
  return at ? <When iso={at} /> : 'Never';
}
