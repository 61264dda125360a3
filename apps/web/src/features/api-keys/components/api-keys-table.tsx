import type { ApiKeyView } from '@ch/contracts';
import { TableRegion } from '../../../components/ui/table-region.tsx';
import { When } from '../../../components/ui/when.tsx';
import { formatWhen, formatWhenParts } from '../../../lib/format-date.ts';
import { RevokeKeyButton } from './revoke-key-button.tsx';
import { displayKey } from './scope-labels.ts';

/** Every key of the organization; revoked ones stay listed (the API keeps them for the record). */
export function ApiKeysTable({ apiKeys, labelledBy }: { apiKeys: ApiKeyView[]; labelledBy: string }) {
  return (
    <TableRegion labelledBy={labelledBy}>
      <table className="table api-keys-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Created by</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {apiKeys.map((apiKey) => (
            <tr key={apiKey.id} className={apiKey.revokedAt ? 'is-revoked' : undefined}>
              <th scope="row">{apiKey.name}</th>
              <td>
                <code className="key-prefix">{displayKey(apiKey.prefix)}</code>
              </td>
              <td>
                <span className="token-scopes">
                  {apiKey.scopes.map((scope) => (
                    <code key={scope}>{scope}</code>
                  ))}
                </span>
              </td>
              <td>
                <When iso={apiKey.createdAt} />
              </td>
              <td>{apiKey.lastUsedAt ? <When iso={apiKey.lastUsedAt} /> : 'Never'}</td>
              <td>{apiKey.createdBy ?? <span className="muted">Unknown</span>}</td>
              <td className="actions-cell">
                {apiKey.revokedAt ? (
                  <span className="revoked">
                    <span className="status-badge status-neutral">Revoked</span>
                    {/* The date alone keeps the column narrow; the exact time is in the title. */}
                    <time
                      dateTime={apiKey.revokedAt}
                      title={formatWhen(apiKey.revokedAt)}
                      className="muted nowrap"
                    >
                      {formatWhenParts(apiKey.revokedAt).date}
                    </time>
                  </span>
                ) : (
                  <RevokeKeyButton apiKey={apiKey} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
