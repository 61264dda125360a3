import { featureKeys, listOrganizationsResponse, type SupportOrganization } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { send } from '../../http/send.ts';

/**
 * GET /api/support/organizations: every organization with each known flag (absent = off), and how
 * many of its syncs the integrations flag being off holds paused (the workers skip them).
 */
export function listOrganizations({ db }: Deps): RequestHandler {
  return async (_req, res) => {
    const orgs = await db.organization.findMany({
      orderBy: { name: 'asc' },
      include: {
        featureFlags: true,
        _count: { select: { objectSyncs: { where: { enabled: true, status: 'ACTIVE' } } } },
      },
    });
    const organizations: SupportOrganization[] = orgs.map((org) => {
      const featureFlags = featureKeys.map((key) => ({
        key,
        enabled: org.featureFlags.some((flag) => flag.key === key && flag.enabled),
      }));
      const integrationsOn = featureFlags.some((flag) => flag.key === 'integrations' && flag.enabled);
      return {
        id: org.id,
        name: org.name,
        featureFlags,
        pausedSyncs: integrationsOn ? 0 : org._count.objectSyncs,
      };
    });
    send(res, listOrganizationsResponse, { organizations });
  };
}
