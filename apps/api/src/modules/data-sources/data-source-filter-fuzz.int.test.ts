import { errorBody } from '@ch/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, v1 } from '../../../test/api-keys.ts';
import { useTestContext } from '../../../test/context.ts';

// Hostile conditions: every one is a 400 in the error shape that creates nothing, never a 5xx;
// whatever is accepted can be read. Fixed seed: a failure reproduces.
const ctx = useTestContext();
let api: ReturnType<typeof v1>;
let organizationId: string;

beforeAll(async () => {
  const admin = await ctx.loginAs('admin@demo.test');
  organizationId = await ctx.orgId('Demo Org');
  await ctx.db.objectSync.create({ data: { organizationId, object: 'CONTACT' } });
  api = v1(ctx.app, (await createKey(admin, ['data-sources:read', 'data-sources:write'])).key);
});

const create = (conditions: unknown) =>
  api.post('/campaigns/fuzz/data-sources').send({ object: 'Contact', filter: { conditions } });
const count = () => ctx.db.campaignDataSource.count({ where: { organizationId } });

const HOSTILE: [string, unknown][] = [
  ['NUL in a value', [{ field: 'Title', op: 'equals', value: 'CEO\u0000' }]],
  ['NUL in a field name', [{ field: 'Title\u0000', op: 'isEmpty' }]],
  ['a year-10000 date', [{ field: 'Title', op: 'range', min: '10000-01-01' }]],
  ['a year-10000 date-time', [{ field: 'Title', op: 'range', max: '10000-01-01T00:00:00Z' }]],
  ['an impossible date', [{ field: 'Title', op: 'range', min: '2026-02-30' }]],
  ['a field the sync does not keep', [{ field: 'Preferred_Language__c', op: 'in', values: ['Spanish'] }]],
  ['an unknown field', [{ field: 'NoSuchField', op: 'isNotEmpty' }]],
  ['SQL in a field name', [{ field: `Title'; DROP TABLE "SalesforceRecord"; --`, op: 'isEmpty' }]],
  ['a JSON path as a field name', [{ field: 'fields->>0', op: 'isEmpty' }]],
  ['an OR in a field name', [{ field: 'Id) OR (1=1', op: 'equals', value: 'x' }]],
  ['a range on a text field', [{ field: 'Title', op: 'range', min: 1 }]],
  ['a number for a text field', [{ field: 'Title', op: 'equals', value: 3 }]],
  ['one of, on a boolean', [{ field: 'DoNotCall', op: 'in', values: ['true'] }]],
  ['text for a boolean', [{ field: 'DoNotCall', op: 'equals', value: 'yes' }]],
  ['an empty range', [{ field: 'Title', op: 'range' }]],
  ['bounds of two kinds', [{ field: 'Title', op: 'range', min: 1, max: '2026-01-01' }]],
  ['no values', [{ field: 'Title', op: 'in', values: [] }]],
  ['101 values', [{ field: 'Title', op: 'in', values: Array.from({ length: 101 }, (_, i) => `t${i}`) }]],
  ['21 conditions', Array.from({ length: 21 }, () => ({ field: 'Email', op: 'isNotEmpty' }))],
  ['an unknown test', [{ field: 'Title', op: 'like', value: '%' }]],
  ['an extra key', [{ field: 'Title', op: 'isEmpty', sql: 'TRUE' }]],
  ['not a list', { field: 'Title', op: 'isEmpty' }],
];

describe('data-source conditions refuse hostile input', () => {
  it.each(HOSTILE)('answers 400 for %s and creates nothing', async (_name, conditions) => {
    const before = await count();
    const res = await create(conditions);
    expect(res.status, res.text).toBe(400);
    expect(errorBody.safeParse(res.body).success).toBe(true);
    expect(await count()).toBe(before);
  });

  it('names the field the sync does not keep', async () => {
    const res = await create([{ field: 'Internal_Notes__c', op: 'isEmpty' }]).expect(400);
    expect(res.body.error.message).toContain('Internal_Notes__c');
    expect(res.body.error.issues).toEqual([
      {
        path: 'filter.conditions.0.field',
        message: 'Internal_Notes__c is not a field the Contact sync keeps',
      },
    ]);
  });

  it('never answers 5xx to generated conditions, and serves every one it accepts', async () => {
    const name = fc.oneof(
      fc.constantFrom('Title', 'Email', 'DoNotCall', 'Phone', 'Id', 'Name', 'Nope__c'),
      fc.string({ maxLength: 90 }),
    );
    const scalar = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constantFrom('2026-01-01', '9999-12-31', '0000-01-01', '2026-13-01', '2026-01-01T00:00:00Z'),
    );
    const condition = fc.record(
      {
        field: name,
        op: fc.constantFrom('equals', 'in', 'isEmpty', 'isNotEmpty', 'range', 'between'),
        value: scalar,
        values: fc.array(scalar, { maxLength: 5 }),
        min: scalar,
        max: scalar,
      },
      { requiredKeys: ['field', 'op'] },
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { maxLength: 3 }), async (conditions) => {
        const res = await create(conditions);
        expect([201, 400], res.text).toContain(res.status);
        if (res.status !== 201) return;
        accepted += 1;
        await api.get(`/data-sources/${res.body.id}/records?limit=5`).expect(200);
      }),
      { seed: 14_2026, numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(5);
  }, 120_000);
});
