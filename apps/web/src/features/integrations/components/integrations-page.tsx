import { Link } from 'react-router-dom';
import { QueryStatus } from '../../../components/query-status.tsx';
import { Alert } from '../../../components/ui/alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { errorText, isIntegrationsOff } from '../api/error-text.ts';
import { useIntegrations } from '../api/list-integrations.ts';
import { useSyncs } from '../api/list-syncs.ts';
import { SalesforceCard } from './salesforce-card.tsx';

export function IntegrationsPage() {
  const integrations = useIntegrations();
  // The syncs are polled while they change, so they are often the first to hear the flag went off.
  const syncs = useSyncs();
  const off = isIntegrationsOff(integrations.error) || isIntegrationsOff(syncs.error);

  return (
    <>
      <PageHeader title="Integrations">
        <p>
          Connect Cloverhound Cloud to the external systems your organization uses, confirm that a connection
          is healthy, and disconnect an integration when you no longer need it.
        </p>
      </PageHeader>

      <Alert tone="info">
        Webex connection settings (OAuth token selection, service app activation, and per-feature sync
        toggles) are not shown on this page. They live on the Settings page, under the Webex tab. For a
        summary of every OAuth token Cloverhound Cloud stores, see{' '}
        <Link to="/admin/oauth-tokens">OAuth Tokens</Link>.
      </Alert>

      {/* With the flag gone off mid-session the card below says so; this would only repeat it. */}
      {!(off && integrations.data) && (
        <QueryStatus
          query={integrations}
          loading="Loading integrations…"
          failed="Could not load integrations"
          describeError={errorText}
        />
      )}
      {integrations.data && (
        <div className="card-grid">
          {integrations.data.integrations.map((integration) => (
            // A refetch refused because the flag went off keeps the card, which then says so.
            <SalesforceCard key={integration.provider} integration={integration} integrationsOff={off} />
          ))}
        </div>
      )}
    </>
  );
}
