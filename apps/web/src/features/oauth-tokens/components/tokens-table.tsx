import type { OAuthTokenView } from '@ch/contracts';
import { useId } from 'react';
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
      <div className="table-wrap">
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
                <td>{token.refreshedAt ? <When iso={token.refreshedAt} /> : 'Never'}</td>
                <td>{token.authorizedBy ?? <span className="muted">Unknown</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
