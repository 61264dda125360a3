import type { IntegrationsResponse } from '@ch/contracts';
import { useId } from 'react';
import { Button } from '../../../components/ui/button.tsx';

type SalesforceIntegration = IntegrationsResponse['integrations'][number];

const setUpPending = 'Connecting Salesforce is not available yet. It arrives in the next release.';

export function SalesforceCard({ integration }: { integration: SalesforceIntegration }) {
  const titleId = useId();
  return (
    <article className="card integration-card" aria-labelledby={titleId}>
      <div className="integration-head">
        <span className="integration-logo" aria-hidden="true">
          SF
        </span>
        <div>
          <h2 id={titleId}>{integration.name}</h2>
          <p className="status-badge status-neutral">Not connected</p>
        </div>
      </div>
      <p className="integration-description">{integration.description}</p>
      <div className="card-actions">
        {/*
          aria-disabled (not disabled) keeps the button focusable, so keyboard and screen-reader
          users also reach the explanation. The OAuth flow lands in the next issue.
        */}
        <Button aria-disabled="true" title={setUpPending} onClick={(e) => e.preventDefault()}>
          Set up
        </Button>
      </div>
    </article>
  );
}
