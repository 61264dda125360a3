import type { ReactNode } from 'react';
import { type AdminPageId, canOpen } from '../../lib/access.ts';
import { useCurrentUser } from '../../lib/current-user.tsx';
import { NotFound } from './not-found.tsx';

/** A page the user may not open renders exactly like an unknown URL. */
export function GuardedPage({ page, children }: { page: AdminPageId; children: ReactNode }) {
  return canOpen(useCurrentUser(), page) ? children : <NotFound />;
}
