import { useState } from 'react';
import { QueryStatus } from '../../../components/query-status.tsx';
import { Alert } from '../../../components/ui/alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { useOrganizations } from '../api/list-organizations.ts';
import { AuditLog } from './audit-log.tsx';
import { OrganizationsTable } from './organizations-table.tsx';

export function SupportPage() {
  const organizations = useOrganizations();
  const [toggleError, setToggleError] = useState<string | null>(null);

  return (
    <>
      <PageHeader title="Support">
        <p>Turn features on or off for each organization. Every change is recorded below.</p>
      </PageHeader>

      <section className="section" aria-labelledby="organizations">
        <h2 id="organizations">Organizations</h2>
        {toggleError && (
          <Alert tone="error" onDismiss={() => setToggleError(null)}>
            {toggleError}
          </Alert>
        )}
        <QueryStatus
          query={organizations}
          loading="Loading organizations…"
          failed="Could not load organizations"
        />
        {organizations.data && (
          <OrganizationsTable
            organizations={organizations.data.organizations}
            onToggle={() => setToggleError(null)}
            onError={setToggleError}
          />
        )}
      </section>

      <AuditLog />
    </>
  );
}
