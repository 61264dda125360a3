import type { Me } from '@ch/contracts';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { vi } from 'vitest';
import { Providers } from '../app/providers.tsx';
import { routes } from '../app/router.tsx';
import { createQueryClient } from '../lib/query-client.ts';

type Handler = (init: RequestInit | undefined) => Response | Promise<Response>;

export const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

export const apiError = (status: number, code: string, message: string) =>
  json(status, { error: { code, message } });

/** Stubs fetch with "METHOD /path" handlers; any other request fails the test loudly. */
export function mockApi(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`Unexpected request: ${key}`);
    return handler(init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export const ids = {
  user: '00000000-0000-4000-8000-000000000001',
  demoOrg: '00000000-0000-4000-8000-000000000002',
  otherOrg: '00000000-0000-4000-8000-000000000003',
};

export const makeMe = (role: Me['user']['role'], features: Me['features'] = []): Me => ({
  user: { id: ids.user, email: `${role.toLowerCase()}@demo.test`, name: role, role },
  organization: { id: ids.demoOrg, name: 'Demo Org' },
  features,
});

export function renderApp(path: string) {
  const queryClient = createQueryClient();
  // Tests assert on first failures; retries would only slow them down.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, router, queryClient };
}
