import { type ApiKeyScope, apiKeyScopes, type V1OperationId, v1Operations } from '@ch/contracts';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';

// /api/v1 against every kind of caller. Its callers are API keys, not the session personas of
// authorization.int.test.ts, so it has its own columns: no credentials, a logged-in admin's session
// cookie, a revoked key, a key holding every scope but the one needed, a key with it, and a key of
// another organization holding every scope, and the key with it while support has turned its
// organization's integrations flag off (every operation but the public document is then a 404).
// Every operation must have a row.
type Caller = 'none' | 'session' | 'revoked' | 'unscoped' | 'scoped' | 'otherOrg' | 'flagOff';

interface Row {
  op: V1OperationId;
  path: string;
  body?: object;
  expected: Record<Caller, number>;
}

const DENIED = { none: 401, session: 401, revoked: 401, unscoped: 403, flagOff: 404 } as const;
const call = {
  callId: 'auth-table-call',
  recordId: '003000000000001AAA',
  direction: 'Outbound',
  startedAt: '2026-11-28T10:00:00Z',
  durationSeconds: 10,
  disposition: 'Connected',
};

const table: Row[] = [
  {
    op: 'getOpenApiDocument',
    path: '/openapi.json',
    expected: {
      none: 200,
      session: 200,
      revoked: 200,
      unscoped: 200,
      scoped: 200,
      otherOrg: 200,
      flagOff: 200,
    },
  },
  {
    op: 'listAvailableObjects',
    path: '/data-sources/available',
    expected: { ...DENIED, scoped: 200, otherOrg: 200 },
  },
  {
    // The other organization syncs nothing, so it cannot link anything.
    op: 'createDataSource',
    path: '/campaigns/c-1/data-sources',
    body: { object: 'Contact' },
    expected: { ...DENIED, scoped: 201, otherOrg: 409 },
  },
  {
    op: 'listCampaignDataSources',
    path: '/campaigns/c-1/data-sources',
    expected: { ...DENIED, scoped: 200, otherOrg: 200 },
  },
  { op: 'getDataSource', path: '/data-sources/:ours', expected: { ...DENIED, scoped: 200, otherOrg: 404 } },
  {
    op: 'listDataSourceRecords',
    path: '/data-sources/:ours/records',
    expected: { ...DENIED, scoped: 200, otherOrg: 404 },
  },
  {
    op: 'listDataSourceChanges',
    path: '/data-sources/:ours/changes',
    expected: { ...DENIED, scoped: 200, otherOrg: 404 },
  },
  {
    op: 'deleteDataSource',
    path: '/data-sources/:ours',
    expected: { ...DENIED, scoped: 204, otherOrg: 404 },
  },
  {
    op: 'createCallActivity',
    path: '/call-activities',
    body: call,
    expected: { ...DENIED, scoped: 202, otherOrg: 202 },
  },
  {
    op: 'getCallActivity',
    path: '/call-activities/:ourCall',
    expected: { ...DENIED, scoped: 200, otherOrg: 404 },
  },
];

const ctx = useTestContext();
const keys = {} as Record<Exclude<Caller, 'none' | 'session' | 'unscoped' | 'flagOff'>, string>;
const allBut = {} as Record<ApiKeyScope, string>;
let session: request.Agent;
let ourCallId: string;

beforeAll(async () => {
  const demo = await ctx.orgId('Demo Org');
  const other = await ctx.orgId('Other Org');
  await ctx.db.featureFlag.updateMany({ where: { organizationId: other }, data: { enabled: true } });
  await ctx.db.objectSync.create({ data: { organizationId: demo, object: 'CONTACT' } });
  session = await ctx.loginAs('admin@demo.test');
  keys.scoped = (await createKey(session)).key;
  const revoked = await createKey(session);
  await session.delete(`/api/api-keys/${revoked.id}`).expect(204);
  keys.revoked = revoked.key;
  for (const scope of apiKeyScopes)
    allBut[scope] = (
      await createKey(
        session,
        apiKeyScopes.filter((s) => s !== scope),
      )
    ).key;
  keys.otherOrg = (await createKey(await ctx.loginAs('admin@other.test'))).key;
  ourCallId = 'ours-1';
  await request(ctx.app)
    .post('/api/v1/call-activities')
    .set('Authorization', `Bearer ${keys.scoped}`)
    .send({ ...call, callId: ourCallId })
    .expect(202);
});

describe('/api/v1 authorization table', () => {
  it('has a row for every operation', () => {
    expect(table.map((row) => row.op).sort()).toEqual(Object.keys(v1Operations).sort());
  });

  const cases = table.flatMap((row) =>
    (Object.keys(row.expected) as Caller[]).map((caller) => ({
      ...row,
      caller,
      status: row.expected[caller],
    })),
  );
  it.each(cases)('$op $path as $caller -> $status', async ({ op, path, body, caller, status }) => {
    const { method, scope, success } = v1Operations[op];
    // A fresh data source per case, so a DELETE in one case does not change the next one.
    const source = await ctx.db.campaignDataSource.create({
      data: {
        organizationId: await ctx.orgId('Demo Org'),
        campaignId: 'c-1',
        objectSyncId: (await ctx.db.objectSync.findFirstOrThrow()).id,
      },
    });
    const url = `/api/v1${path.replace(':ours', source.id).replace(':ourCall', ourCallId)}`;
    let req = caller === 'session' ? session[method](url) : request(ctx.app)[method](url);
    const key =
      caller === 'unscoped'
        ? scope
          ? allBut[scope]
          : keys.scoped
        : caller === 'flagOff'
          ? keys.scoped
          : keys[caller as keyof typeof keys];
    if (key && caller !== 'none' && caller !== 'session') req = req.set('Authorization', `Bearer ${key}`);
    const flag = { where: { organizationId: await ctx.orgId('Demo Org'), key: 'integrations' } };
    if (caller === 'flagOff') await ctx.db.featureFlag.updateMany({ ...flag, data: { enabled: false } });
    let res: request.Response;
    try {
      res = body ? await req.send(body) : await req;
    } finally {
      if (caller === 'flagOff') await ctx.db.featureFlag.updateMany({ ...flag, data: { enabled: true } });
    }
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.body.error.code).toEqual(expect.any(String));
    // A success answers exactly what the contract (and so the OpenAPI document) says.
    if (status === success.status && 'schema' in success)
      expect(success.schema.safeParse(res.body).error).toBeUndefined();
  });
});
