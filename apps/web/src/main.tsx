import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { Providers } from './app/providers.tsx';
import { routes } from './app/router.tsx';
import { createQueryClient } from './lib/query-client.ts';
// Plain CSS in layers: tokens and defaults, page layout, then controls and surfaces.
import './styles/base.css';
import './styles/layout.css';
import './styles/pages.css';
import './styles/controls.css';
import './styles/surfaces.css';
import './styles/integrations.css';
import './styles/syncs.css';
import './styles/sync-status.css';
import './styles/api-keys.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers queryClient={createQueryClient()}>
      <RouterProvider router={createBrowserRouter(routes)} />
    </Providers>
  </StrictMode>,
);
