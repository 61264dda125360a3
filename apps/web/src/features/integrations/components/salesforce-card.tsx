import type { IntegrationsResponse } from '@ch/contracts';
import { useId } from 'react';
import { Button } from '../../../components/ui/button.tsx';

type SalesforceIntegration = IntegrationsResponse['integrations'][number];

export function SalesforceCard({ integration }: { integration: SalesforceIntegration }) {
  const titleId = useId();
  const hintId = useId();
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
        <Button aria-disabled="true" aria-describedby={hintId} onClick={(e) => e.preventDefault()}>
          Set up
        </Button>
        <p id={hintId} className="hint">
          Connecting Salesforce is not available yet.
        </p>
      </div>
    </article>
  );
}
