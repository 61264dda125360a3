import { z } from 'zod';
import { featureKey } from './features.ts';

export const supportOrganization = z.object({
  id: z.uuid(),
  name: z.string(),
  featureFlags: z.array(z.object({ key: featureKey, enabled: z.boolean() })),
  /** Syncs that are on but paused because the integrations flag is off (0 while it is on). */
  pausedSyncs: z.number().int(),
});
export const listOrganizationsResponse = z.object({ organizations: z.array(supportOrganization) });
export type SupportOrganization = z.infer<typeof supportOrganization>;

export const featureFlagParams = z.strictObject({ orgId: z.uuid(), key: featureKey });
export const setFeatureFlagRequest = z.strictObject({ enabled: z.boolean() });
export const setFeatureFlagResponse = z.object({
  organizationId: z.uuid(),
  key: featureKey,
  enabled: z.boolean(),
});

export const auditEvent = z.object({
  id: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  actorEmail: z.string().nullable(),
  /** The API key's name when a service client made the change with one (no user is involved). */
  actorApiKey: z.string().nullable(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});
export type AuditEvent = z.infer<typeof auditEvent>;
export const listAuditEventsResponse = z.object({ events: z.array(auditEvent) });
