import type { ApiKeyScope } from '@ch/contracts';
import type { Express } from 'express';
import request from 'supertest';

/** Test helper: an admin agent creates a key through the admin endpoint and gets it back, once. */
export async function createKey(
  admin: request.Agent,
  scopes: ApiKeyScope[] = ['data-sources:read', 'data-sources:write', 'call-activities:write'],
  name = 'Campaigns',
): Promise<{ id: string; key: string }> {
  const res = await admin.post('/api/api-keys').send({ name, scopes });
  if (res.status !== 201)
    throw new Error(`creating a key answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.apiKey.id, key: res.body.key };
}

/** How the campaign module calls /api/v1: a bearer key, no cookie, no Origin. */
export function v1(app: Express, key: string) {
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${key}`);
  return {
    get: (path: string) => auth(request(app).get(`/api/v1${path}`)),
    post: (path: string) => auth(request(app).post(`/api/v1${path}`)),
    delete: (path: string) => auth(request(app).delete(`/api/v1${path}`)),
  };
}
