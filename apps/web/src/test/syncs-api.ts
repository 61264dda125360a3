import type { ObjectSyncView, SalesforceCard, SyncObject } from '@ch/contracts';
import { syncSettings } from '@ch/contracts';
import { json, makeMe, mockApi } from './render-app.tsx';
import { describedFieldsFixture, salesforceCardFixture, syncFixture } from './salesforce-fixtures.ts';

const BASE = '/api/integrations/salesforce/syncs';

/**
 * The syncs endpoints as a small in-memory server: the same rules as the API (the contract's
 * `syncSettings`), so a refused save answers 400 with the field, as the real one does.
 */
export function syncsApi(
  initial: ObjectSyncView[] = [],
  card: SalesforceCard = salesforceCardFixture('connected'),
) {
  const state = { syncs: [...initial], testResult: { ok: true, message: 'Contact can be read.' } };
  const find = (object: string) => state.syncs.find((sync) => sync.object === object);
  const body = (init: RequestInit | undefined) => JSON.parse(String(init?.body ?? '{}'));
  const replace = (next: ObjectSyncView) => {
    state.syncs = state.syncs.map((sync) => (sync.object === next.object ? next : sync));
    return next;
  };
  const handlers: Record<string, (init: RequestInit | undefined) => Response> = {
    'GET /api/auth/me': () => json(200, makeMe('ADMIN', ['integrations'])),
    'GET /api/integrations': () => json(200, { integrations: [card] }),
    [`GET ${BASE}`]: () => json(200, { syncs: state.syncs }),
    [`POST ${BASE}`]: (init) => {
      const added = syncFixture({ object: body(init).object as SyncObject });
      state.syncs = [...state.syncs, added];
      return json(201, added);
    },
  };
  for (const object of ['Contact', 'Lead']) {
    const path = `${BASE}/${object}`;
    handlers[`PATCH ${path}`] = (init) => {
      const current = find(object) as ObjectSyncView;
      const merged = {
        method: current.method,
        intervalMinutes: current.intervalMinutes,
        enabled: current.enabled,
        ...body(init),
      };
      const parsed = syncSettings.safeParse(merged);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        return json(400, {
          error: { code: 'bad_request', message: `The ${object} sync is invalid`, issues },
        });
      }
      return json(200, replace({ ...current, ...merged }));
    };
    handlers[`DELETE ${path}`] = () => {
      const removed = find(object) as ObjectSyncView;
      state.syncs = state.syncs.filter((sync) => sync !== removed);
      return json(200, { removedDataSources: removed.dataSourceCount });
    };
    handlers[`GET ${path}/fields`] = () =>
      json(200, { fields: describedFieldsFixture((find(object) as ObjectSyncView).fields) });
    handlers[`DELETE ${path}/field-warnings`] = () =>
      json(200, replace({ ...(find(object) as ObjectSyncView), fieldWarnings: [] }));
    handlers[`POST ${path}/test`] = () => json(200, state.testResult);
    handlers[`POST ${path}/retry`] = () =>
      json(200, replace({ ...(find(object) as ObjectSyncView), status: 'active' }));
  }
  const fetchMock = mockApi(handlers);
  const requests = (method: string) =>
    fetchMock.mock.calls
      .filter(([, init]) => (init?.method ?? 'GET') === method)
      .map(([url, init]) => ({
        url: String(url),
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      }));
  return { state, fetchMock, requests };
}
