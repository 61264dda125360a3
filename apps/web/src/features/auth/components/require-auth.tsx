import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert } from '../../../components/ui/alert.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { CurrentUserProvider } from '../../../lib/current-user.tsx';
import { useMe } from '../api/get-me.ts';

/** Renders its children for a signed-in user, or sends the visitor to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const meQuery = useMe();
  const location = useLocation();

  if (meQuery.isPending) return <Loading label="Loading your account…" />;
  if (meQuery.isError) {
    return (
      <div className="centered">
        <Alert tone="error" title="Could not load your account">
          {meQuery.error.message}
        </Alert>
      </div>
    );
  }
  if (!meQuery.data) {
    // Remember where they were going, so logging in takes them back there.
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <CurrentUserProvider me={meQuery.data}>{children}</CurrentUserProvider>;
}
