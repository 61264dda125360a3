import type { AuditEvent } from '@ch/contracts';

/**
 * A sentence for the audit log. Feature-flag changes read naturally; any other action falls
 * back to its name and details, so a new kind of event is still shown rather than hidden.
 */
export function describeAuditEvent(event: AuditEvent): string {
  // The API records a flag change as { key, from, to }.
  const { key, to } = event.details;
  if (event.action === 'feature_flag.updated' && typeof key === 'string' && typeof to === 'boolean') {
    return `Turned ${key} ${to ? 'on' : 'off'}`;
  }
  const details = Object.entries(event.details)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return details ? `${event.action} (${details})` : event.action;
}
