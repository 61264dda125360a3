import { Outlet, useNavigate } from 'react-router-dom';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';
import { useLogout } from '../features/auth/api/logout.ts';
import { visibleAdminPages } from '../lib/access.ts';
import { useCurrentUser } from '../lib/current-user.tsx';
import { AdminNav, MenuButton, useAdminMenu } from './admin-nav.tsx';

export function AdminLayout() {
  const me = useCurrentUser();
  const pages = visibleAdminPages(me);
  const logout = useLogout();
  const navigate = useNavigate();
  const menu = useAdminMenu();

  // Navigate explicitly (rather than letting the guard redirect) so the login page does not
  // remember this page as the place to return to: the next person may not be allowed to see it.
  const onLogout = () => logout.mutate(undefined, { onSuccess: () => navigate('/login', { replace: true }) });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Cloverhound Cloud <span className="brand-module">Admin</span>
        </p>
        <MenuButton menu={menu} />
        <div className="account">
          <div className="account-text">
            <span className="account-email">{me.user.email}</span>
            <span className="account-org">{me.organization.name}</span>
          </div>
          <Button variant="secondary" onClick={onLogout} loading={logout.isPending}>
            Log out
          </Button>
        </div>
      </header>
      {logout.isError && (
        <div className="topbar-alert">
          <Alert tone="error" onDismiss={() => logout.reset()}>
            Could not log out: {logout.error.message}
          </Alert>
        </div>
      )}
      <div className="shell-body">
        <AdminNav pages={pages} menu={menu} />
        <main id="main" className="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
