import { QueryStatus } from '../../../components/query-status.tsx';
import { TableRegion } from '../../../components/ui/table-region.tsx';
import { formatWhen } from '../../../lib/format-date.ts';
import { useAuditEvents } from '../api/list-audit-events.ts';
import { auditActor, describeAuditEvent } from './describe-audit-event.ts';

export function AuditLog() {
  const events = useAuditEvents();
  return (
    <section className="section" aria-labelledby="recent-changes">
      <h2 id="recent-changes">Recent changes</h2>
      <QueryStatus query={events} loading="Loading recent changes…" failed="Could not load recent changes" />
      {events.data && events.data.events.length === 0 && <p className="muted">No changes yet.</p>}
      {events.data && events.data.events.length > 0 && (
        <TableRegion labelledBy="recent-changes">
          <table className="table stack-table" aria-labelledby="recent-changes">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Organization</th>
              </tr>
            </thead>
            <tbody>
              {events.data.events.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap" data-label="When">
                    <time dateTime={event.createdAt}>{formatWhen(event.createdAt)}</time>
                  </td>
                  <td data-label="Who">{auditActor(event)}</td>
                  <td data-label="What">{describeAuditEvent(event)}</td>
                  <td data-label="Organization">{event.organizationName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
