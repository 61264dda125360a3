import type { FieldCondition } from '@ch/contracts';
import { recordsPage } from '@ch/contracts';
import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';
import { syncedContacts } from '../../../test/data-source-support.ts';
import { applyRecords } from '../../sync/record-store.ts';

// Conditions on synced fields, custom ones included, against the emulator's truth.
const ctx = useTestContext();
const CUSTOM = ['Preferred_Language__c', 'Best_Time_To_Call__c', 'Lifetime_Value__c', 'Consent_Date__c'];
type Truth = Record<string, unknown>;
let admin: request.Agent;
let api: ReturnType<typeof v1>;
let truth: Truth[];
let organizationId: string;
let objectSyncId: string;

beforeAll(async () => {
  ({ admin, syncId: objectSyncId } = await syncedContacts(ctx));
  organizationId = await ctx.orgId('Demo Org');
  truth = (await ctx.emulator.control.records('acme', 'Contact')).filter((r) => !r.IsDeleted);
  // The custom fields' values as a sync that keeps them stores them (merged into the synced rows).
  await ctx.db.$transaction((tx) =>
    applyRecords(
      tx,
      organizationId,
      'CONTACT',
      truth.map((r) => ({
        id: String(r.Id),
        fields: Object.fromEntries(CUSTOM.map((name) => [name, r[name] ?? null])),
        modstamp: new Date(String(r.SystemModstamp)),
        deleted: false,
      })),
      { merge: true },
    ),
  );
  api = v1(ctx.app, (await createKey(admin, ['data-sources:read', 'data-sources:write'])).key);
});

/** A data source stored as created, for fields the sync on this branch does not list yet. */
async function stored(conditions: FieldCondition[], extra: object = {}): Promise<string> {
  const row = await ctx.db.campaignDataSource.create({
    data: { organizationId, campaignId: 'conditions', objectSyncId, filter: { ...extra, conditions } },
  });
  return row.id;
}

async function servedIds(id: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '';
  for (let page = 0; page < 50; page++) {
    const res = await api.get(`/data-sources/${id}/records?limit=40&cursor=${cursor}`).expect(200);
    const body = recordsPage.parse(res.body);
    ids.push(...body.records.map((r) => r.id));
    if (!body.nextCursor) return ids.sort();
    cursor = body.nextCursor;
  }
  throw new Error('too many pages');
}

const idsWhere = (test: (r: Truth) => boolean) =>
  truth
    .filter(test)
    .map((r) => String(r.Id))
    .sort();

describe('data-source conditions on synced fields', () => {
  it('Preferred_Language__c in [Spanish, French] serves exactly those records, with the field', async () => {
    const id = await stored([{ field: 'Preferred_Language__c', op: 'in', values: ['Spanish', 'French'] }]);
    const expected = idsWhere(
      (r) => r.Preferred_Language__c === 'Spanish' || r.Preferred_Language__c === 'French',
    );
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(truth.length - 20);
    expect(await servedIds(id)).toEqual(expected);
    const page = await api.get(`/data-sources/${id}/records?limit=5`).expect(200);
    for (const r of page.body.records)
      expect(['Spanish', 'French']).toContain(r.fields.Preferred_Language__c);
  });

  it('serves number and date ranges, equals and empty tests, ANDed with the fixed filters', async () => {
    const value = (r: Truth) => r.Lifetime_Value__c as number | null;
    const cases: [FieldCondition[], (r: Truth) => boolean][] = [
      [
        [{ field: 'Lifetime_Value__c', op: 'range', min: 10000, max: 30000.5 }],
        (r) => value(r) !== null && (value(r) as number) >= 10000 && (value(r) as number) <= 30000.5,
      ],
      [
        [{ field: 'Consent_Date__c', op: 'range', min: '2025-06-01' }],
        (r) => typeof r.Consent_Date__c === 'string' && r.Consent_Date__c >= '2025-06-01',
      ],
      [[{ field: 'Consent_Date__c', op: 'isEmpty' }], (r) => r.Consent_Date__c == null],
      [
        [
          { field: 'Best_Time_To_Call__c', op: 'equals', value: 'mornings' },
          { field: 'Lifetime_Value__c', op: 'isNotEmpty' },
        ],
        (r) => r.Best_Time_To_Call__c === 'Mornings' && value(r) !== null,
      ],
    ];
    for (const [conditions, test] of cases) {
      const expected = idsWhere(test);
      expect(expected.length, JSON.stringify(conditions)).toBeGreaterThan(0);
      expect(await servedIds(await stored(conditions))).toEqual(expected);
    }
    const exact = truth.find((r) => value(r) !== null) as Truth;
    const byNumber = await stored([
      { field: 'Lifetime_Value__c', op: 'equals', value: value(exact) as number },
    ]);
    expect(await servedIds(byNumber)).toEqual(idsWhere((r) => value(r) === value(exact)));
    const withPhone = await stored([{ field: 'Preferred_Language__c', op: 'equals', value: 'German' }], {
      doNotCall: true,
    });
    expect(await servedIds(withPhone)).toEqual(
      idsWhere((r) => r.Preferred_Language__c === 'German' && r.DoNotCall === true),
    );
  });

  it('creates data sources whose conditions test the fields the sync keeps', async () => {
    const titles = [...new Set(truth.map((r) => String(r.Title)))].slice(0, 2);
    const conditions = [
      { field: 'Title', op: 'in', values: titles.map((t) => t.toUpperCase()) },
      { field: 'Email', op: 'isNotEmpty' },
      { field: 'DoNotCall', op: 'equals', value: false },
    ];
    const res = await api
      .post('/campaigns/conditions/data-sources')
      .send({ object: 'Contact', filter: { conditions } })
      .expect(201);
    expect(res.body.filter).toEqual({ conditions });
    expect(await servedIds(res.body.id)).toEqual(
      idsWhere((r) => titles.includes(String(r.Title)) && Boolean(r.Email) && r.DoNotCall !== true),
    );
  });
});
