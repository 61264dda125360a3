import type request from 'supertest';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../test/api-keys.ts';
import { useTestContext } from '../../test/context.ts';
import { connectSalesforce } from '../../test/salesforce-sign-in.ts';
import { freshRestContacts } from '../../test/sync-support.ts';
import { runPoll } from './run-poll.ts';

const ctx = useTestContext();
const SYNCS = '/api/integrations/salesforce/syncs';
const FAST_RETRY = { retry: { maxRetries: 1, minTimeoutMs: 10 } };
const CHOSEN = ['Preferred_Language__c', 'Best_Time_To_Call__c'];
let admin: request.Agent;
let syncId: string;

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
});

beforeEach(async () => {
  syncId = await freshRestContacts(ctx, admin);
});

async function stored(object: 'CONTACT' | 'LEAD' = 'CONTACT') {
  const rows = await ctx.db.salesforceRecord.findMany({ where: { object, deleted: false } });
  return new Map(rows.map((row) => [row.id, row.fields as Record<string, unknown>]));
}

async function truth(object: 'Contact' | 'Lead' = 'Contact') {
  const rows = await ctx.emulator.control.records('acme', object);
  return rows.filter((row) => row.IsDeleted !== true);
}

/** Every live record's value of each field, here and at Salesforce (null = absent). */
async function expectSameValues(fields: string[], object: 'Contact' | 'Lead' = 'Contact') {
  const local = await stored(object === 'Contact' ? 'CONTACT' : 'LEAD');
  const there = await truth(object);
  expect(local.size).toBe(there.length);
  const pick = (source: Record<string, unknown> | undefined) =>
    Object.fromEntries(fields.map((field) => [field, source?.[field] ?? null]));
  for (const record of there) expect(pick(local.get(String(record.Id)))).toEqual(pick(record));
  // Seeds give most records a value: a comparison of nulls alone would prove nothing.
  for (const field of fields) expect(there.some((record) => record[field] != null)).toBe(true);
}

const choose = (object: 'Contact' | 'Lead', fields: string[]) =>
  admin.patch(`${SYNCS}/${object}`).send({ fields }).expect(200);

describe('chosen fields over REST polling', () => {
  it('a full load and later polls store exactly the chosen fields, as Salesforce has them, and /api/v1 serves them', async () => {
    const saved = await choose('Contact', [...CHOSEN, 'Lifetime_Value__c', 'Consent_Date__c']);
    expect(saved.body.fields).toEqual([...CHOSEN, 'Lifetime_Value__c', 'Consent_Date__c']);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    await expectSameValues([...CHOSEN, 'Lifetime_Value__c', 'Consent_Date__c', 'LastName', 'Email']);
    const sample = [...(await stored()).values()].find((fields) => fields.Lifetime_Value__c != null)!;
    expect(typeof sample.Lifetime_Value__c).toBe('number');
    // Exactly the chosen ones: the default extras are gone, the core stays.
    expect(Object.keys(sample).sort()).toEqual(
      [
        'Id',
        'FirstName',
        'LastName',
        'Name',
        'Email',
        'Phone',
        'MobilePhone',
        'DoNotCall',
        ...CHOSEN,
        'Lifetime_Value__c',
        'Consent_Date__c',
      ].sort(),
    );

    const [first] = await truth();
    await ctx.emulator.control.updateRecords('acme', 'Contact', [
      { Id: first!.Id, Preferred_Language__c: 'German', Best_Time_To_Call__c: 'Sundays' },
    ]);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    expect((await stored()).get(String(first!.Id))).toMatchObject({
      Preferred_Language__c: 'German',
      Best_Time_To_Call__c: 'Sundays',
    });

    const api = v1(ctx.app, (await createKey(admin, ['data-sources:read', 'data-sources:write'])).key);
    const source = await api.post('/campaigns/fields/data-sources').send({ object: 'Contact' }).expect(201);
    const page = await api.get(`/data-sources/${source.body.id}/records?limit=1000`).expect(200);
    const served = new Map(
      (page.body.records as { id: string; fields: Record<string, unknown> }[]).map((r) => [r.id, r.fields]),
    );
    expect(served.get(String(first!.Id))).toMatchObject({ Preferred_Language__c: 'German' });
  });

  it('Region__c for Lead over REST equals Salesforce', async () => {
    await admin.post(SYNCS).send({ object: 'Lead' }).expect(201);
    await admin
      .patch(`${SYNCS}/Lead`)
      .send({ method: 'REST', intervalMinutes: 5, enabled: true, fields: ['Region__c', 'Lead_Score__c'] })
      .expect(200);
    const lead = await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'LEAD' } });
    await runPoll(ctx.deps, lead.id, FAST_RETRY);
    await expectSameValues(['Region__c', 'Lead_Score__c', 'LastName', 'Email'], 'Lead');
    const sample = [...(await stored('LEAD')).values()][0]!;
    expect(sample).not.toHaveProperty('Company');
  });

  it('adding a field backfills every stored record without a full load; the change feed reports them', async () => {
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const seqBefore = (await ctx.db.salesforceRecord.aggregate({ _max: { seq: true } }))._max.seq!;
    await choose('Contact', ['Title', ...CHOSEN]);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    await expectSameValues([...CHOSEN, 'Title']);
    const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId }, orderBy: { id: 'asc' } });
    expect(runs.map((run) => run.kind)).toEqual(['FULL', 'INCREMENTAL']);
    const withValues = (await truth()).filter(
      (r) => r.Preferred_Language__c != null || r.Best_Time_To_Call__c != null,
    );
    const changed = await ctx.db.salesforceRecord.count({
      where: { object: 'CONTACT', seq: { gt: seqBefore } },
    });
    expect(changed).toBe(withValues.length);
    expect((await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } })).backfillFields).toEqual([]);
  });

  it('removing a field takes it out of every stored record at once', async () => {
    await choose('Contact', CHOSEN);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    await choose('Contact', ['Preferred_Language__c']);
    const records = [...(await stored()).values()];
    expect(records.some((fields) => 'Best_Time_To_Call__c' in fields)).toBe(false);
    expect(records.some((fields) => fields.Preferred_Language__c != null)).toBe(true);
  });

  it('a field hidden by field-level security is dropped with a warning; the sync keeps running', async () => {
    await choose('Contact', CHOSEN);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    await ctx.emulator.control.hideField('acme', 'Contact', 'Preferred_Language__c');
    try {
      await runPoll(ctx.deps, syncId, FAST_RETRY);
      const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
      expect(sync.status).toBe('ACTIVE');
      expect(sync.consecutiveFailures).toBe(0);
      expect(sync.fieldWarnings).toEqual([
        {
          field: 'Preferred_Language__c',
          message: 'Preferred Language is no longer readable in Salesforce and was removed from this sync',
        },
      ]);
      const runs = await ctx.db.syncRun.findMany({ where: { objectSyncId: syncId } });
      expect(runs.every((run) => run.outcome === 'SUCCEEDED')).toBe(true);
    } finally {
      await ctx.emulator.control.showField('acme', 'Contact', 'Preferred_Language__c');
    }
  });

  it('a field renamed in its label only changes nothing but the label the Fields list shows', async () => {
    await choose('Contact', CHOSEN);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const before = await stored();
    await ctx.emulator.control.relabelField('acme', 'Contact', 'Best_Time_To_Call__c', 'Call Window');
    try {
      await runPoll(ctx.deps, syncId, FAST_RETRY);
      const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
      expect(sync).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0, fieldWarnings: [] });
      expect(await stored()).toEqual(before);
      await expectSameValues(CHOSEN);
      const list = await admin.get(`${SYNCS}/Contact/fields`).expect(200);
      expect(list.body.fields.find((f: { name: string }) => f.name === 'Best_Time_To_Call__c')).toMatchObject(
        {
          label: 'Call Window',
          selected: true,
        },
      );
    } finally {
      // The deletion test below words its warning with the field's label.
      await ctx.emulator.control.relabelField('acme', 'Contact', 'Best_Time_To_Call__c', 'Best Time To Call');
    }
  });

  // Last: the field stays deleted in this file's emulator.
  it('a field deleted in Salesforce is dropped with a warning; the sync keeps running', async () => {
    await choose('Contact', CHOSEN);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    await ctx.emulator.control.removeField('acme', 'Contact', 'Best_Time_To_Call__c');
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    await runPoll(ctx.deps, syncId, FAST_RETRY);
    const sync = await ctx.db.objectSync.findFirstOrThrow({ where: { id: syncId } });
    expect(sync).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0 });
    const list = await admin.get(SYNCS).expect(200);
    const row = list.body.syncs.find((s: { object: string }) => s.object === 'Contact');
    expect(row.fields).toEqual(['Preferred_Language__c']);
    expect(row.fieldWarnings).toEqual([
      {
        field: 'Best_Time_To_Call__c',
        message: 'Best Time To Call is no longer readable in Salesforce and was removed from this sync',
      },
    ]);
    expect([...(await stored()).values()].some((fields) => 'Best_Time_To_Call__c' in fields)).toBe(false);
    const dismissed = await admin.delete(`${SYNCS}/Contact/field-warnings`).expect(200);
    expect(dismissed.body.fieldWarnings).toEqual([]);
  });
});
