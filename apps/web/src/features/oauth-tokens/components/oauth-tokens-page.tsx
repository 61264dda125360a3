import { PageHeader } from '../../../components/ui/page-header.tsx';

/** A placeholder until tokens are stored: connecting Salesforce (a later issue) creates the first one. */
export function OAuthTokensPage() {
  return (
    <>
      <PageHeader title="OAuth Tokens">
        <p>Every OAuth token Cloverhound Cloud stores for your organization, grouped by provider.</p>
      </PageHeader>
      <div className="card empty-card">
        <h2>No OAuth tokens are stored yet</h2>
        <p className="muted">
          A token appears here when an integration is connected, for example when you set up Salesforce on the
          Integrations page.
        </p>
      </div>
    </>
  );
}
