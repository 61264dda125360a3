import type { Me } from '@ch/contracts';
import { createContext, type ReactNode, useContext } from 'react';

const CurrentUserContext = createContext<Me | null>(null);

/**
 * Holds the user RequireAuth resolved. Pages read it from here rather than from the query, so
 * they never render a half-logged-out state while the guard is redirecting.
 */
export function CurrentUserProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <CurrentUserContext value={me}>{children}</CurrentUserContext>;
}

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside RequireAuth');
  return me;
}
