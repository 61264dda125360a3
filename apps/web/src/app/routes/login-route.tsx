import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../../components/ui/loading.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { LoginForm } from '../../features/auth/components/login-form.tsx';

/** Only paths inside the Admin module are followed back after login (never another origin). */
function safeFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/admin') ? from : '/admin';
}

export function LoginRoute() {
  const meQuery = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const target = safeFrom(location.state);

  if (meQuery.isPending) return <Loading />;
  if (meQuery.data) return <Navigate to={target} replace />;

  return (
    <main className="login-page">
      <PageTitle title="Log in" />
      <div className="login-card">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Cloverhound Cloud
        </p>
        <h1>Log in to Admin</h1>
        <p className="muted">Use your Cloverhound Cloud account.</p>
        <LoginForm onSuccess={() => navigate(target, { replace: true })} />
      </div>
    </main>
  );
}
