import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';
import {
  connectSalesforce,
  deliverCallback,
  signInAtSalesforce,
  startOAuth,
} from '../../../test/salesforce-sign-in.ts';
import { runPoll } from '../../sync/run-poll.ts';

const ctx = useTestContext();
const SYNCS = '/api/integrations/salesforce/syncs';
const ACME = 'integration.user@acme.example';
const GLOBEX = 'admin@globex.example';
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
let admin: request.Agent;
let api: ReturnType<typeof v1>;
let contactSource: string;

const disconnect = () => admin.post('/api/integrations/salesforce/disconnect').send({}).expect(204);

/** Set up through the real callback; returns the page's outcome and the sentence it shows. */
async function connectThroughCallback(username: string) {
  const callback = await signInAtSalesforce(await startOAuth(admin), { username });
  const res = await deliverCallback(admin, callback).expect(200);
  return { outcome: /"outcome":"(\w+)"/.exec(res.text)?.[1], text: res.text };
}

async function pollAll() {
  for (const sync of await ctx.db.objectSync.findMany({ orderBy: { object: 'asc' } })) {
    await runPoll(ctx.deps, sync.id, FAST_RETRY);
  }
}

/** Every record the data source serves, by id, through /api/v1 as the campaign module reads it. */
async function served(
  id: string,
): Promise<Map<string, { fields: Record<string, unknown>; systemModstamp: string }>> {
  const out = new Map();
  let cursor = '';
  for (;;) {
    const res = await api.get(`/data-sources/${id}/records?cursor=${cursor}&limit=1000`).expect(200);
    for (const record of res.body.records) out.set(record.id, record);
    if (!res.body.nextCursor) return out;
    cursor = res.body.nextCursor;
  }
}

async function liveTruth(org: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await ctx.emulator.control.records(org, 'Contact');
  return new Map(rows.filter((r) => r.IsDeleted !== true).map((r) => [String(r.Id), r]));
}

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, ACME);
  for (const object of ['Contact', 'Lead']) {
    await admin.post(SYNCS).send({ object }).expect(201);
    await admin
      .patch(`${SYNCS}/${object}`)
      .send({ method: 'REST', intervalMinutes: 5, enabled: true })
      .expect(200);
  }
  await pollAll();
  api = v1(ctx.app, (await createKey(admin)).key);
  contactSource = (await api.post('/campaigns/c1/data-sources').send({ object: 'Contact' }).expect(201)).body
    .id;
});

describe('connecting a different Salesforce org after Disconnect', () => {
  it('Acme -> Disconnect -> Globex: Acme records become deletions at once, the syncs reload, the data source serves exactly Globex', async () => {
    const acme = await liveTruth('acme');
    const before = await api.get(`/data-sources/${contactSource}/records?limit=1000`).expect(200);
    expect(new Set((await served(contactSource)).keys())).toEqual(new Set(acme.keys()));

    await disconnect();
    const { outcome, text } = await connectThroughCallback(GLOBEX);
    expect(outcome).toBe('org_switched');
    expect(text).toContain(
      'Connected to a different Salesforce org: the local copy of Contact and Lead is being reloaded.',
    );

    // Committed with the connection, before any sync ran: no Acme record is served any more...
    expect(await ctx.db.salesforceRecord.count({ where: { deleted: false } })).toBe(0);
    for (const sync of await ctx.db.objectSync.findMany()) {
      expect(sync).toMatchObject({
        status: 'ACTIVE',
        cursor: null,
        replayId: null,
        fullLoadCompletedAt: null,
        fullLoadTotal: null,
        fullLoadAfterId: null,
        nextRunAt: null,
        consecutiveFailures: 0,
      });
    }
    // ...and the change feed tells the campaign module each one is gone.
    const feed = await api.get(
      `/data-sources/${contactSource}/changes?cursor=${before.body.changesCursor}&limit=1000`,
    );
    expect(feed.status).toBe(200);
    const deleted = feed.body.changes.filter(
      (c: { type: string; reason: string }) => c.type === 'deleted' && c.reason === 'deleted',
    );
    expect(new Set(deleted.map((c: { id: string }) => c.id))).toEqual(new Set(acme.keys()));

    // The data source stays linked; once the syncs ran it serves Globex's records and nothing else.
    await pollAll();
    const globex = await liveTruth('globex');
    const now = await served(contactSource);
    expect(new Set(now.keys())).toEqual(new Set(globex.keys()));
    const [id, truth] = [...globex.entries()][0]!;
    expect(now.get(id)!.fields).toMatchObject({ LastName: truth.LastName, Email: truth.Email });
    const syncs = (await admin.get(SYNCS).expect(200)).body.syncs;
    expect(syncs.map((s: { recordCount: number }) => s.recordCount)).toEqual([globex.size, 4]);
  });

  it('a sandbox-style switch, where records keep the same ids with older versions, reloads them too', async () => {
    // A sandbox copied from production: Globex gets three of Acme's Contacts under the same ids.
    // Production then edits them, so Acme's versions are newer than the sandbox's.
    const shared = [...(await liveTruth('acme')).keys()].slice(0, 3);
    await ctx.emulator.control.createRecords(
      'globex',
      'Contact',
      shared.map((Id, i) => ({ Id, LastName: `Sandbox ${i}` })),
    );
    await ctx.emulator.control.updateRecords(
      'acme',
      'Contact',
      shared.map((Id) => ({ Id, Title: 'Production' })),
    );
    await disconnect();
    expect((await connectThroughCallback(ACME)).outcome).toBe('org_switched');
    await pollAll();
    expect(new Set((await served(contactSource)).keys())).toEqual(new Set((await liveTruth('acme')).keys()));

    await disconnect();
    expect((await connectThroughCallback(GLOBEX)).outcome).toBe('org_switched');
    await pollAll();
    const globex = await liveTruth('globex');
    const now = await served(contactSource);
    expect(new Set(now.keys())).toEqual(new Set(globex.keys()));
    shared.forEach((id, i) => {
      expect(now.get(id)!.fields).toMatchObject({ LastName: `Sandbox ${i}`, Title: null });
      expect(now.get(id)!.systemModstamp).toBe(
        new Date(String(globex.get(id)!.SystemModstamp)).toISOString(),
      );
    });
  });

  it('Reset Token still refuses a different org and changes nothing', async () => {
    const before = await ctx.db.salesforceRecord.findMany({ orderBy: { id: 'asc' } });
    const callback = await signInAtSalesforce(
      await startOAuth(admin, { loginHost: 'emulator', purpose: 'reset' }),
      {
        username: ACME,
      },
    );
    const res = await deliverCallback(admin, callback).expect(200);
    expect(/"outcome":"(\w+)"/.exec(res.text)?.[1]).toBe('different_org');
    expect(await ctx.db.salesforceRecord.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('signing in again to the same org keeps the local copy', async () => {
    const before = await ctx.db.salesforceRecord.count({ where: { deleted: false } });
    await disconnect();
    expect((await connectThroughCallback(GLOBEX)).outcome).toBe('connected');
    expect(await ctx.db.salesforceRecord.count({ where: { deleted: false } })).toBe(before);
    expect((await ctx.db.objectSync.findFirstOrThrow()).fullLoadCompletedAt).not.toBeNull();
  });
});
