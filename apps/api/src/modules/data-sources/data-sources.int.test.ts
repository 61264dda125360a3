import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';
import { syncedContacts } from '../../../test/data-source-support.ts';

const ctx = useTestContext();
const SYNCS = '/api/integrations/salesforce/syncs';
let admin: request.Agent;
let key: string;
let api: ReturnType<typeof v1>;

beforeAll(async () => {
  ({ admin } = await syncedContacts(ctx));
  ({ key } = await createKey(admin));
  api = v1(ctx.app, key);
});

async function readAll(id: string, limit = 50): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const res = await api.get(`/data-sources/${id}/records?cursor=${cursor}&limit=${limit}`).expect(200);
    all.push(...res.body.records);
    if (!res.body.nextCursor) return all;
    cursor = res.body.nextCursor;
  }
  throw new Error('too many pages');
}

describe('GET /api/v1/data-sources/available', () => {
  it('lists the synced objects with status, record count, last sync and the fields kept', async () => {
    const res = await api.get('/data-sources/available').expect(200);
    const truth = (await ctx.emulator.control.records('acme', 'Contact')).filter((r) => !r.IsDeleted);
    expect(res.body.objects).toEqual([
      {
        object: 'Contact',
        syncStatus: 'active',
        enabled: true,
        method: 'REST',
        recordCount: truth.length,
        lastSyncAt: expect.any(String),
        fields: expect.arrayContaining([
          { name: 'Id', label: 'Contact ID', type: 'id' },
          { name: 'Email', label: 'Email', type: 'email' },
          { name: 'DoNotCall', label: 'Do Not Call', type: 'boolean' },
        ]),
      },
    ]);
    // Every field a record carries under `fields` is listed, and nothing else.
    const listed = res.body.objects[0].fields.map((f: { name: string }) => f.name).sort();
    // Stored directly: no audit event, which the next test counts.
    const sync = await ctx.db.objectSync.findFirstOrThrow();
    const { id } = await ctx.db.campaignDataSource.create({
      data: { organizationId: sync.organizationId, campaignId: 'fields', objectSyncId: sync.id },
    });
    const page = await api.get(`/data-sources/${id}/records?limit=50`).expect(200);
    const carried = new Set(page.body.records.flatMap((r: { fields: object }) => Object.keys(r.fields)));
    for (const name of carried) expect(listed).toContain(name);
  });
});

describe('POST /api/v1/campaigns/:campaignId/data-sources', () => {
  it('links a filtered object; its records are exactly the matching synced ones', async () => {
    const truth = (await ctx.emulator.control.records('acme', 'Contact')).filter((r) => !r.IsDeleted);
    const country = String(truth[0]!.MailingCountry);
    const filter = { hasPhone: true, doNotCall: false, country: country.toUpperCase() };
    const created = await api.post('/campaigns/spring-2027/data-sources').send({ object: 'Contact', filter });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      campaignId: 'spring-2027',
      object: 'Contact',
      filter,
      state: 'active',
      stale: false,
    });
    const expected = truth
      .filter((r) => (r.Phone || r.MobilePhone) && r.DoNotCall !== true && r.MailingCountry === country)
      .map((r) => r.Id)
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    const records = await readAll(created.body.id, 3);
    expect(records.map((r) => r.id).sort()).toEqual(expected);
    const sample = truth.find((r) => r.Id === records[0]!.id)!;
    expect(records[0]).toMatchObject({
      object: 'Contact',
      name: `${sample.FirstName} ${sample.LastName}`,
      email: sample.Email,
      phone: sample.Phone,
      fields: { Id: sample.Id, MailingCountry: country },
    });
    const listed = await api.get('/campaigns/spring-2027/data-sources').expect(200);
    expect(listed.body.dataSources).toEqual([created.body]);
    expect((await api.get(`/data-sources/${created.body.id}`).expect(200)).body).toEqual(created.body);
    expect(await ctx.db.auditEvent.count({ where: { action: 'data_source.created' } })).toBe(1);
  });

  it.each([
    ['an object that is not synced', { object: 'Lead' }, 409, 'object'],
    ['an unknown object', { object: 'Account' }, 400, 'object'],
    ['an unknown filter condition', { object: 'Contact', filter: { city: 'Paris' } }, 400, 'filter'],
    ['an empty country', { object: 'Contact', filter: { country: ' ' } }, 400, 'filter.country'],
    ['a string for a boolean', { object: 'Contact', filter: { hasPhone: 'yes' } }, 400, 'filter.hasPhone'],
  ])('refuses %s and creates nothing', async (_name, body, status, field) => {
    const before = await ctx.db.campaignDataSource.count();
    const res = await api.post('/campaigns/c1/data-sources').send(body).expect(status);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await ctx.db.campaignDataSource.count()).toBe(before);
  });

  it('binds filter values as parameters: SQL in a value is just a value', async () => {
    const country = `x') OR TRUE; DROP TABLE "SalesforceRecord"; --`;
    const res = await api
      .post('/campaigns/c3/data-sources')
      .send({ object: 'Contact', filter: { country } })
      .expect(201);
    expect((await api.get(`/data-sources/${res.body.id}/records`).expect(200)).body.records).toEqual([]);
    expect(await ctx.db.salesforceRecord.count()).toBeGreaterThan(0);
  });

  it('refuses a campaign id that is too long or has odd characters (400)', async () => {
    await api
      .post(`/campaigns/${'x'.repeat(129)}/data-sources`)
      .send({ object: 'Contact' })
      .expect(400);
    await api.post('/campaigns/a%20b/data-sources').send({ object: 'Contact' }).expect(400);
  });

  it('needs data-sources:write (403 for a read-only key)', async () => {
    const readOnly = await createKey(admin, ['data-sources:read']);
    await v1(ctx.app, readOnly.key)
      .post('/campaigns/c1/data-sources')
      .send({ object: 'Contact' })
      .expect(403);
  });
});

describe('data source state and removal', () => {
  it('is paused and stale while its sync is off, records still readable; DELETE unlinks it', async () => {
    const { body } = await api.post('/campaigns/c2/data-sources').send({ object: 'Contact' }).expect(201);
    await admin.patch(`${SYNCS}/Contact`).send({ enabled: false }).expect(200);
    try {
      expect((await api.get(`/data-sources/${body.id}`).expect(200)).body).toMatchObject({
        state: 'paused',
        stale: true,
      });
      const page = await api.get(`/data-sources/${body.id}/records?limit=5`).expect(200);
      expect(page.body).toMatchObject({ state: 'paused', stale: true });
      expect(page.body.records).toHaveLength(5);
    } finally {
      await admin.patch(`${SYNCS}/Contact`).send({ enabled: true }).expect(200);
    }
    await api.delete(`/data-sources/${body.id}`).expect(204);
    await api.get(`/data-sources/${body.id}`).expect(404);
    await api.delete(`/data-sources/${body.id}`).expect(404);
  });

  it.each([
    ['a malformed id', '/data-sources/nope/records'],
    ['a limit of 0', '/data-sources/00000000-0000-4000-8000-000000000000/records?limit=0'],
    ['a limit over 1000', '/data-sources/00000000-0000-4000-8000-000000000000/records?limit=1001'],
    ['a forged cursor', '/data-sources/00000000-0000-4000-8000-000000000000/records?cursor=abc'],
    ['an unknown query key', '/data-sources/00000000-0000-4000-8000-000000000000/changes?since=1'],
  ])('answers %s with 400 in the error shape', async (_name, path) => {
    const res = await api.get(path).expect(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});

describe('organizations are isolated', () => {
  it("a key of another organization reads nothing of this one's (404, empty lists)", async () => {
    const { body: ours } = await api.post('/campaigns/shared-id/data-sources').send({ object: 'Contact' });
    const otherOrg = await ctx.orgId('Other Org');
    await ctx.db.featureFlag.update({
      where: { organizationId_key: { organizationId: otherOrg, key: 'integrations' } },
      data: { enabled: true },
    });
    const theirs = v1(ctx.app, (await createKey(await ctx.loginAs('admin@other.test'))).key);
    expect((await theirs.get('/data-sources/available').expect(200)).body.objects).toEqual([]);
    expect((await theirs.get('/campaigns/shared-id/data-sources').expect(200)).body.dataSources).toEqual([]);
    for (const path of ['', '/records', '/changes']) {
      const res = await theirs.get(`/data-sources/${ours.id}${path}`).expect(404);
      expect(res.body.error.code).toBe('not_found');
    }
    await theirs.delete(`/data-sources/${ours.id}`).expect(404);
    await api.get(`/data-sources/${ours.id}`).expect(200);
    await theirs.post('/campaigns/shared-id/data-sources').send({ object: 'Contact' }).expect(409);
  });
});
