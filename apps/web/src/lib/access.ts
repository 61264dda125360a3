import type { Me } from '@ch/contracts';

export type AdminPageId = 'integrations' | 'api-keys' | 'oauth-tokens' | 'support';

export interface AdminPage {
  id: AdminPageId;
  label: string;
  path: string;
}

/**
 * The one table of Admin pages: the router builds a guarded route from each row, the nav lists
 * the rows a user may open. Nav order is also the order used to pick the landing page after
 * login. It lives in lib/ because a feature asks it too (OAuth Tokens links to Integrations only
 * where that page opens).
 */
export const adminPages: ReadonlyArray<AdminPage & { allowed: (me: Me) => boolean }> = [
  {
    id: 'integrations',
    label: 'Integrations',
    path: '/admin/integrations',
    allowed: (me) => me.user.role === 'ADMIN' && me.features.includes('integrations'),
  },
  {
    // Keys call /api/v1, which exists only where Integrations is on: the same rule as the API's.
    id: 'api-keys',
    label: 'API Keys',
    path: '/admin/api-keys',
    allowed: (me) => me.user.role === 'ADMIN' && me.features.includes('integrations'),
  },
  {
    // The Salesforce token is part of Integrations: with the flag off the API answers 404 here too.
    id: 'oauth-tokens',
    label: 'OAuth Tokens',
    path: '/admin/oauth-tokens',
    allowed: (me) => me.user.role === 'ADMIN' && me.features.includes('integrations'),
  },
  {
    id: 'support',
    label: 'Support',
    path: '/admin/support',
    allowed: (me) => me.user.role === 'SUPPORT',
  },
];

/**
 * The Admin pages this user may open. The API enforces the same rules; this only decides what
 * to show, so a hidden page answers "not found" rather than hinting it exists.
 */
export function visibleAdminPages(me: Me): AdminPage[] {
  return adminPages.filter((page) => page.allowed(me)).map(({ id, label, path }) => ({ id, label, path }));
}

export function canOpen(me: Me, id: AdminPageId): boolean {
  return visibleAdminPages(me).some((page) => page.id === id);
}
