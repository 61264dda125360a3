import type { ReactNode } from 'react';
import { useCurrentUser } from '../../features/auth/components/current-user.tsx';
import { type AdminPageId, canOpen } from '../access.ts';
import { NotFound } from './not-found.tsx';

/** A page the user may not open renders exactly like an unknown URL. */
export function GuardedPage({ page, children }: { page: AdminPageId; children: ReactNode }) {
  return canOpen(useCurrentUser(), page) ? children : <NotFound />;
}
