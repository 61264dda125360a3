import type { Me } from '@ch/contracts';

export type AdminPageId = 'integrations' | 'oauth-tokens' | 'support';

export interface AdminPage {
  id: AdminPageId;
  label: string;
  path: string;
}

/** Nav order is also the order used to pick the landing page after login. */
const adminPages: ReadonlyArray<AdminPage & { allowed: (me: Me) => boolean }> = [
  {
    id: 'integrations',
    label: 'Integrations',
    path: '/admin/integrations',
    allowed: (me) => me.user.role === 'ADMIN' && me.features.includes('integrations'),
  },
  {
    id: 'oauth-tokens',
    label: 'OAuth Tokens',
    path: '/admin/oauth-tokens',
    allowed: (me) => me.user.role === 'ADMIN',
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
