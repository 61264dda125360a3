import { featureKeys, type SupportOrganization } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';

/** GET /api/support/organizations: every organization with each known flag (absent = off). */
export function getOrganizations({ db }: Deps): RequestHandler {
  return async (_req, res) => {
    const orgs = await db.organization.findMany({
      orderBy: { name: 'asc' },
      include: { featureFlags: true },
    });
    const organizations: SupportOrganization[] = orgs.map((org) => ({
      id: org.id,
      name: org.name,
      featureFlags: featureKeys.map((key) => ({
        key,
        enabled: org.featureFlags.some((flag) => flag.key === key && flag.enabled),
      })),
    }));
    res.json({ organizations });
  };
}
