import type { AuditEvent } from '@ch/contracts';

type Details = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

const METHOD: Record<string, string> = { CDC: 'CDC (real-time)', REST: 'REST Polling' };

/** What a sync change set, in the modal's words: method, interval, on or off. */
function syncSettings({ method, intervalMinutes, enabled }: Details): string {
  const how = typeof method === 'string' ? (METHOD[method] ?? method) : 'no method';
  const every = typeof intervalMinutes === 'number' ? ` every ${intervalMinutes} minutes` : '';
  return `${how}${every}, ${enabled === true ? 'on' : 'off'}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** One sentence per action the API records; each reads without knowing the action's name. */
const DESCRIBE: Record<string, (d: Details) => string | null> = {
  'feature_flag.updated': (d) =>
    text(d.key) && typeof d.to === 'boolean' ? `Turned ${d.key} ${d.to ? 'on' : 'off'}` : null,
  'salesforce.connected': (d) =>
    `Connected Salesforce${text(d.username) ? ` as ${d.username}` : ''}${text(d.instanceUrl) ? ` (${d.instanceUrl})` : ''}`,
  'salesforce.token_reset': (d) => `Reset the Salesforce token${text(d.username) ? ` as ${d.username}` : ''}`,
  'salesforce.disconnected': (d) =>
    `Disconnected Salesforce${text(d.instanceUrl) ? ` (${d.instanceUrl})` : ''}`,
  'salesforce.reconnect_needed': () =>
    'Salesforce stopped accepting the stored token: it must be reconnected',
  'salesforce.sync_added': (d) => (text(d.object) ? `Added the ${d.object} sync` : null),
  'salesforce.sync_changed': (d) =>
    text(d.object) ? `Changed the ${d.object} sync: ${syncSettings(d)}` : null,
  'salesforce.sync_removed': (d) => {
    if (!text(d.object)) return null;
    const n = typeof d.removedDataSources === 'number' ? d.removedDataSources : 0;
    return `Removed the ${d.object} sync${n > 0 ? ` and ${plural(n, 'campaign data source')}` : ''}`;
  },
  'salesforce.sync_retried': (d) => (text(d.object) ? `Retried the ${d.object} sync after it stopped` : null),
  'api_key.created': (d) => (text(d.name) ? `Created the API key “${d.name}”` : 'Created an API key'),
  'api_key.revoked': (d) => (text(d.name) ? `Revoked the API key “${d.name}”` : 'Revoked an API key'),
  'data_source.created': (d) =>
    text(d.object)
      ? `Linked ${d.object} as a data source${text(d.campaignId) ? ` of campaign ${d.campaignId}` : ''}`
      : null,
  'data_source.deleted': () => 'Removed a campaign data source',
};

/**
 * A sentence for the audit log. An action this list does not know yet is still shown, by its name
 * and details, rather than hidden.
 */
export function describeAuditEvent(event: AuditEvent): string {
  const sentence = DESCRIBE[event.action]?.(event.details);
  if (sentence) return sentence;
  const details = Object.entries(event.details)
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return details ? `${event.action} (${details})` : event.action;
}

/** Who made the change: a person by email, a service client by its API key's name, else the system. */
export function auditActor(event: AuditEvent): string {
  if (event.actorEmail) return event.actorEmail;
  if (event.actorApiKey) return `API key “${event.actorApiKey}”`;
  return 'Cloverhound Cloud';
}
