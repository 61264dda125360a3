import { useId, useRef, useState } from 'react';
import { QueryStatus } from '../../../components/query-status.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { useApiKeys } from '../api/list-api-keys.ts';
import { ApiKeysTable } from './api-keys-table.tsx';
import { type CreatedKey, CreateKeyForm } from './create-key-form.tsx';
import { NewKeyPanel } from './new-key-panel.tsx';

export function ApiKeysPage() {
  const keys = useApiKeys();
  const headingId = useId();
  const listHeading = useRef<HTMLHeadingElement>(null);
  // The only copy of a new key's secret: gone on Done or when the page unmounts.
  const [created, setCreated] = useState<CreatedKey | null>(null);

  const onDone = () => {
    setCreated(null);
    // The panel took the focused Done button with it; continue at the list, where the key now is.
    listHeading.current?.focus();
  };

  return (
    <>
      <PageHeader title="API Keys">
        <p>
          The campaign module and other service clients call <code>/api/v1</code> with{' '}
          <code className="nowrap">Authorization: Bearer &lt;key&gt;</code>, each key doing only what its
          scopes allow (see the{' '}
          <a href="/api/docs" target="_blank" rel="noopener noreferrer">
            API reference
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
          ).
        </p>
      </PageHeader>
      {created && <NewKeyPanel created={created} onDone={onDone} />}
      <CreateKeyForm onCreated={setCreated} />
      <section className="section" aria-labelledby={headingId}>
        <h2 id={headingId} ref={listHeading} tabIndex={-1} className="section-heading">
          Keys
        </h2>
        <QueryStatus query={keys} loading="Loading API keys…" failed="Could not load API keys" />
        {keys.data && keys.data.apiKeys.length === 0 && (
          <div className="card empty-card api-keys-empty">
            <h3>No API keys yet</h3>
            <p className="muted">
              Create one for each service client, so that revoking one key never stops the others.
            </p>
          </div>
        )}
        {keys.data && keys.data.apiKeys.length > 0 && (
          <ApiKeysTable apiKeys={keys.data.apiKeys} labelledBy={headingId} />
        )}
      </section>
    </>
  );
}
