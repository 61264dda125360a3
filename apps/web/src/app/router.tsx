import type { ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { ApiKeysPage } from '../features/api-keys/components/api-keys-page.tsx';
import { RequireAuth } from '../features/auth/components/require-auth.tsx';
import { IntegrationsPage } from '../features/integrations/components/integrations-page.tsx';
import { OAuthTokensPage } from '../features/oauth-tokens/components/oauth-tokens-page.tsx';
import { SupportPage } from '../features/support/components/support-page.tsx';
import { type AdminPageId, adminPages } from '../lib/access.ts';
import { AdminLayout } from './admin-layout.tsx';
import { AdminIndex } from './routes/admin-index.tsx';
import { GuardedPage } from './routes/guarded-page.tsx';
import { LoginRoute } from './routes/login-route.tsx';
import { NotFound, StandaloneNotFound } from './routes/not-found.tsx';

/** What each Admin page renders; a Record, so a page added to the table cannot lack one. */
const pageComponents: Record<AdminPageId, ComponentType> = {
  integrations: IntegrationsPage,
  'api-keys': ApiKeysPage,
  'oauth-tokens': OAuthTokensPage,
  support: SupportPage,
};

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
      ...adminPages.map(({ id, path }): RouteObject => {
        const Page = pageComponents[id];
        return {
          path,
          element: (
            <GuardedPage page={id}>
              <Page />
            </GuardedPage>
          ),
        };
      }),
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <StandaloneNotFound /> },
];
