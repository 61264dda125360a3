import { Navigate, type RouteObject } from 'react-router-dom';
import { ApiKeysPage } from '../features/api-keys/components/api-keys-page.tsx';
import { RequireAuth } from '../features/auth/components/require-auth.tsx';
import { IntegrationsPage } from '../features/integrations/components/integrations-page.tsx';
import { OAuthTokensPage } from '../features/oauth-tokens/components/oauth-tokens-page.tsx';
import { SupportPage } from '../features/support/components/support-page.tsx';
import { AdminLayout } from './admin-layout.tsx';
import { AdminIndex } from './routes/admin-index.tsx';
import { GuardedPage } from './routes/guarded-page.tsx';
import { LoginRoute } from './routes/login-route.tsx';
import { NotFound, StandaloneNotFound } from './routes/not-found.tsx';

/** Shared by the browser router and the tests' memory router. */
export const routes: RouteObject[] = [
  { path: '/', element: <Navigate to="/admin" replace /> },
  { path: '/login', element: <LoginRoute /> },
  {
    path: '/admin',
    element: (
      <RequireAuth>
        <AdminLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <AdminIndex /> },
      {
        path: 'integrations',
        element: (
          <GuardedPage page="integrations">
            <IntegrationsPage />
          </GuardedPage>
        ),
      },
      {
        path: 'api-keys',
        element: (
          <GuardedPage page="api-keys">
            <ApiKeysPage />
          </GuardedPage>
        ),
      },
      {
        path: 'oauth-tokens',
        element: (
          <GuardedPage page="oauth-tokens">
            <OAuthTokensPage />
          </GuardedPage>
        ),
      },
      {
        path: 'support',
        element: (
          <GuardedPage page="support">
            <SupportPage />
          </GuardedPage>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <StandaloneNotFound /> },
];
