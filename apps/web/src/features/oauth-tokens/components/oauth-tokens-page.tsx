import type { OAuthTokenView } from '@ch/contracts';
import { Link } from 'react-router-dom';
import { QueryStatus } from '../../../components/query-status.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { canOpen } from '../../../lib/access.ts';
import { useCurrentUser } from '../../../lib/current-user.tsx';
import { useOAuthTokens } from '../api/list-oauth-tokens.ts';
import { TokensTable } from './tokens-table.tsx';

/** Tokens grouped by provider, in the order the API lists them (by provider). */
function byProvider(tokens: OAuthTokenView[]): [string, OAuthTokenView[]][] {
  const groups = new Map<string, OAuthTokenView[]>();
  for (const token of tokens) groups.set(token.provider, [...(groups.get(token.provider) ?? []), token]);
  return [...groups.entries()];
}

export function OAuthTokensPage() {
  const tokens = useOAuthTokens();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title="OAuth Tokens">
        <p>Every OAuth token Cloverhound Cloud stores for your organization, grouped by provider.</p>
      </PageHeader>
      <QueryStatus query={tokens} loading="Loading OAuth tokens…" failed="Could not load OAuth tokens" />
      {tokens.data && tokens.data.tokens.length === 0 && (
        <div className="card empty-card">
          <h2>No OAuth tokens are stored yet</h2>
          <p className="muted">
            A token appears here when an integration is connected, for example when you set up Salesforce on
            the {/* Only a link where this admin can open the page; otherwise the guide's advice. */}
            {canOpen(me, 'integrations') ? (
              <>
                <Link to="/admin/integrations">Integrations</Link> page.
              </>
            ) : (
              'Integrations page, which is not turned on for your organization: contact Cloverhound support to have it enabled.'
            )}
          </p>
        </div>
      )}
      {tokens.data &&
        byProvider(tokens.data.tokens).map(([provider, group]) => (
          <TokensTable key={provider} provider={provider} tokens={group} />
        ))}
    </>
  );
}
