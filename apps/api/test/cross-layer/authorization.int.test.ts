import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, useTestContext } from '../context.ts';

// Every API route against every kind of caller. Later features add their rows here.
// Columns: anonymous, MEMBER, ADMIN of the other organization (flag off), ADMIN, SUPPORT, and the
// same ADMIN while support has turned the organization's integrations flag off: every
// integrations route must then not exist (404), whatever it answers with the flag on.
type Persona = 'anonymous' | 'member' | 'otherAdmin' | 'admin' | 'support' | 'flagOff';
const personas: Record<Exclude<Persona, 'anonymous'>, string> = {
  member: 'agent@demo.test',
  otherAdmin: 'admin@other.test',
  admin: 'admin@demo.test',
  support: 'support@demo.test',
  flagOff: 'admin@demo.test',
};

interface Row {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: object;
  expected: Record<Persona, number>;
}

const table: Row[] = [
  {
    method: 'get',
    path: '/api/auth/me',
    expected: { anonymous: 401, member: 200, otherAdmin: 200, admin: 200, support: 200, flagOff: 200 },
  },
  {
    method: 'get',
    path: '/api/integrations',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'get',
    path: '/api/integrations/salesforce/oauth/start?loginHost=emulator',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 302, support: 403, flagOff: 404 },
  },
  {
    // A stray or forged callback still ends on the sign-in result page (nothing stored).
    method: 'get',
    path: '/api/integrations/salesforce/oauth/callback?state=unknown&code=x',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'post',
    path: '/api/integrations/salesforce/disconnect',
    body: {},
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 204, support: 403, flagOff: 404 },
  },
  {
    method: 'get',
    path: '/api/integrations/salesforce/syncs',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'post',
    path: '/api/integrations/salesforce/syncs',
    body: { object: 'Contact' },
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 201, support: 403, flagOff: 404 },
  },
  {
    method: 'patch',
    path: '/api/integrations/salesforce/syncs/Contact',
    body: { method: 'REST', intervalMinutes: 5 },
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    // Not connected in this file: the stored-token check answers 409 for the admin.
    method: 'post',
    path: '/api/integrations/salesforce/syncs/Contact/test',
    body: {},
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 409, support: 403, flagOff: 404 },
  },
  {
    method: 'post',
    path: '/api/integrations/salesforce/syncs/Contact/retry',
    body: {},
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    // Not connected in this file: describe cannot be asked, so the admin gets 409.
    method: 'get',
    path: '/api/integrations/salesforce/syncs/Contact/fields',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 409, support: 403, flagOff: 404 },
  },
  {
    method: 'delete',
    path: '/api/integrations/salesforce/syncs/Contact/field-warnings',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'delete',
    path: '/api/integrations/salesforce/syncs/Contact',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'get',
    path: '/api/oauth-tokens',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'get',
    path: '/api/api-keys',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 200, support: 403, flagOff: 404 },
  },
  {
    method: 'post',
    path: '/api/api-keys',
    body: { name: 'Campaigns', scopes: ['data-sources:read'] },
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 201, support: 403, flagOff: 404 },
  },
  {
    // A well-formed id of no key: only the admin gets as far as looking it up.
    method: 'delete',
    path: '/api/api-keys/00000000-0000-4000-8000-000000000000',
    expected: { anonymous: 401, member: 403, otherAdmin: 404, admin: 404, support: 403, flagOff: 404 },
  },
  {
    // The reference page is public, like the document it renders; /api/v1 has its own table
    // (modules/openapi/v1-authorization.int.test.ts): its callers are API keys, not these personas.
    method: 'get',
    path: '/api/docs',
    expected: { anonymous: 200, member: 200, otherAdmin: 200, admin: 200, support: 200, flagOff: 200 },
  },
  {
    // Session cookies open nothing on /api/v1, whoever is logged in.
    method: 'get',
    path: '/api/v1/data-sources/available',
    expected: { anonymous: 401, member: 401, otherAdmin: 401, admin: 401, support: 401, flagOff: 401 },
  },
  {
    method: 'get',
    path: '/api/support/organizations',
    expected: { anonymous: 401, member: 403, otherAdmin: 403, admin: 403, support: 200, flagOff: 403 },
  },
  {
    method: 'put',
    path: '/api/support/organizations/:demoOrg/feature-flags/integrations',
    body: { enabled: true },
    expected: { anonymous: 401, member: 403, otherAdmin: 403, admin: 403, support: 200, flagOff: 403 },
  },
  {
    method: 'get',
    path: '/api/support/audit-events',
    expected: { anonymous: 401, member: 403, otherAdmin: 403, admin: 403, support: 200, flagOff: 403 },
  },
];

const ctx = useTestContext();
const agents = {} as Record<Persona, request.Agent>;

beforeAll(async () => {
  agents.anonymous = request.agent(ctx.app).set('Origin', ORIGIN);
  for (const [persona, email] of Object.entries(personas))
    agents[persona as Persona] = await ctx.loginAs(email);
});

describe('authorization table', () => {
  const cases = table.flatMap((row) =>
    (Object.keys(row.expected) as Persona[]).map((persona) => ({
      ...row,
      persona,
      status: row.expected[persona],
    })),
  );
  it.each(cases)('$method $path as $persona -> $status', async ({ method, path, body, persona, status }) => {
    const demoOrg = await ctx.orgId('Demo Org');
    const url = path.replace(':demoOrg', demoOrg);
    const flag = { where: { organizationId: demoOrg, key: 'integrations' } };
    if (persona === 'flagOff') await ctx.db.featureFlag.updateMany({ ...flag, data: { enabled: false } });
    try {
      const req = agents[persona][method](url);
      const res = body ? await req.send(body) : await req;
      expect(res.status).toBe(status);
      if (status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
    } finally {
      if (persona === 'flagOff') await ctx.db.featureFlag.updateMany({ ...flag, data: { enabled: true } });
    }
  });
});
