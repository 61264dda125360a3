import type { ApiKeyView, Me } from '@ch/contracts';
import { createApiKeyRequest } from '@ch/contracts';
import { json, makeMe, mockApi } from './render-app.tsx';

const BASE = '/api/api-keys';

/** A listed key, as GET /api/api-keys sends it: active and never used unless overridden. */
export function apiKeyFixture(overrides: Partial<ApiKeyView> = {}): ApiKeyView {
  return {
    id: '00000000-0000-4000-8000-0000000000c1',
    name: 'Campaign module',
    prefix: 'chk_live_ab12cd34',
    scopes: ['data-sources:read', 'call-activities:write'],
    createdAt: '2025-03-01T10:00:00.000Z',
    createdBy: 'admin@demo.test',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** The full key the fake server hands out, once per create. */
export const NEW_KEY = `chk_live_${'Zx9'.repeat(14)}A`;

/**
 * The API key endpoints as a small in-memory server, checking bodies with the contract as the API
 * does, so a refused create answers 400 with the field's path.
 */
export function apiKeysApi(initial: ApiKeyView[] = [], me: Me = makeMe('ADMIN', ['integrations'])) {
  const state = { keys: [...initial] };
  let created = 0;
  const handlers: Record<string, (init: RequestInit | undefined) => Response> = {
    'GET /api/auth/me': () => json(200, me),
    [`GET ${BASE}`]: () => json(200, { apiKeys: state.keys }),
    [`POST ${BASE}`]: (init) => {
      const parsed = createApiKeyRequest.safeParse(JSON.parse(String(init?.body ?? '{}')));
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return json(400, { error: { code: 'bad_request', message: 'The request is invalid', issues } });
      }
      created += 1;
      const apiKey = apiKeyFixture({
        id: `00000000-0000-4000-8000-${String(created).padStart(12, '0')}`,
        ...parsed.data,
        prefix: NEW_KEY.slice(0, 17),
        createdAt: new Date().toISOString(),
      });
      state.keys = [apiKey, ...state.keys];
      return json(201, { apiKey, key: NEW_KEY });
    },
  };
  for (const key of initial) {
    handlers[`DELETE ${BASE}/${key.id}`] = () => {
      state.keys = state.keys.map((k) =>
        k.id === key.id ? { ...k, revokedAt: new Date().toISOString() } : k,
      );
      return new Response(null, { status: 204 });
    };
  }
  const fetchMock = mockApi(handlers);
  const requests = (method: string) =>
    fetchMock.mock.calls
      .filter(([, init]) => (init?.method ?? 'GET') === method)
      .map(([url, init]) => ({
        url: String(url),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      }));
  // mockApi looks handlers up per request, so a test can swap one in after rendering.
  const setHandler = (key: string, handler: (init: RequestInit | undefined) => Response) => {
    handlers[key] = handler;
  };
  return { state, fetchMock, requests, setHandler };
}
