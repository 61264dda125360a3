import { featureKeys, type SupportOrganization } from '@ch/contracts';
import { TableRegion } from '../../../components/ui/table-region.tsx';
import { FeatureFlagSwitch } from './feature-flag-switch.tsx';

interface OrganizationsTableProps {
  organizations: SupportOrganization[];
  onToggle: () => void;
  onError: (message: string) => void;
}

/** One row per organization, one switch column per feature flag the contract knows. */
export function OrganizationsTable({ organizations, onToggle, onError }: OrganizationsTableProps) {
  if (organizations.length === 0) return <p className="muted">There are no organizations yet.</p>;
  return (
    <TableRegion label="Feature flags per organization">
      <table className="table">
        <caption className="visually-hidden">Feature flags per organization</caption>
        <thead>
          <tr>
            <th scope="col">Organization</th>
            {featureKeys.map((key) => (
              <th scope="col" key={key}>
                <code>{key}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {organizations.map((org) => (
            <tr key={org.id}>
              <th scope="row">
                {org.name}
                {org.pausedSyncs > 0 && (
                  <p className="muted">
                    Paused: integrations are turned off for this organization ({org.pausedSyncs}{' '}
                    {org.pausedSyncs === 1 ? 'sync' : 'syncs'} waiting).
                  </p>
                )}
              </th>
              {featureKeys.map((key) => (
                <td key={key}>
                  <FeatureFlagSwitch
                    orgId={org.id}
                    orgName={org.name}
                    flagKey={key}
                    // A flag the API does not list has never been turned on.
                    enabled={org.featureFlags.find((f) => f.key === key)?.enabled ?? false}
                    onToggle={onToggle}
                    onError={onError}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
