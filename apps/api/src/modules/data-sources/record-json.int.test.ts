import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { removeStoredFields } from '../../sync/field-changes.ts';
import { applyRecords, type IncomingRecord } from '../../sync/record-store.ts';
import { type RecordRow, readRecordsPage, type Scope } from './record-queries.ts';
import { toSourceRecord } from './record-view.ts';

// A records page is spliced from the text a trigger stores on each write (recordJson). Whatever a
// writer stores, the page must parse to exactly what toSourceRecord makes of the same row.
const ctx = useTestContext();
const at = new Date('2026-11-30T10:00:00.000Z');

const awkward: Record<string, unknown>[] = [
  { Name: 'Quote " and \\ backslash', FirstName: 'Tab\tNew\nline', LastName: 'Ctrl \u0001\u001f end' },
  { Name: 'Ünïcødé 名前 😀', Email: 'a\u2028b\u2029c@example.com', Phone: '</script>' },
  // Empty strings and non-strings are null up front, as record-view.ts has them; kept in fields.
  { Name: '', FirstName: 42, LastName: true, Email: null, Phone: ['+1'], MobilePhone: { n: 1 } },
  { LastName: 'Only', Consent_Date__c: '+010000-01-01', Lifetime_Value__c: 1e21, Score__c: 0.1 + 0.2 },
  {},
];

async function page(scope: Scope) {
  const read = await readRecordsPage(ctx.db, scope, 'Lead', null, 100);
  return JSON.parse(read.json) as unknown[];
}

async function expected(scope: Scope) {
  const rows = await ctx.db.salesforceRecord.findMany({
    where: { organizationId: scope.organizationId, object: scope.object, deleted: false },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => toSourceRecord(scope.object, row as unknown as RecordRow));
}

async function store(organizationId: string, records: IncomingRecord[], merge = false) {
  await ctx.db.$transaction((tx) => applyRecords(tx, organizationId, 'LEAD', records, { merge }));
}

describe('a records page built from the stored record text', () => {
  it('equals toSourceRecord for awkward values, after merges and field removal, and for rows written before the column', async () => {
    const organizationId = await ctx.orgId('Demo Org');
    const scope: Scope = { organizationId, object: 'LEAD', filter: {} };
    const ids = awkward.map((_, i) => `00Q${String(i + 1).padStart(15, '0')}`);
    await store(
      organizationId,
      awkward.map((fields, i) => ({
        id: ids[i]!,
        fields: { Id: ids[i], ...fields },
        modstamp: at,
        deleted: false,
      })),
    );
    const served = await page(scope);
    expect(served).toHaveLength(awkward.length);
    expect(served).toEqual(await expected(scope));
    expect(served[0]).toMatchObject({ name: 'Quote " and \\ backslash', lastName: 'Ctrl \u0001\u001f end' });
    expect(served[2]).toMatchObject({
      name: null,
      firstName: null,
      lastName: null,
      phone: null,
      mobilePhone: null,
    });

    // A CDC update names changed fields only; the merged row's text follows it.
    await store(
      organizationId,
      [
        {
          id: ids[4]!,
          fields: { Name: 'Now Named', Email: 'x@y.z' },
          modstamp: new Date(at.getTime() + 1000),
          deleted: false,
        },
      ],
      true,
    );
    // Removing a chosen field drops it from the served text too.
    await ctx.db.$transaction((tx) => removeStoredFields(tx, scope, ['Consent_Date__c', 'Email']));
    const after = await page(scope);
    expect(after).toEqual(await expected(scope));
    expect(after[4]).toMatchObject({ name: 'Now Named', email: null });
    expect(JSON.stringify(after)).not.toContain('Consent_Date__c');

    // A row written before the column existed has no stored text: it is built by the same function.
    await ctx.db.$executeRaw`UPDATE "SalesforceRecord" SET "recordJson" = NULL
      WHERE "organizationId" = ${organizationId}::uuid AND object = 'LEAD' AND id = ${ids[0]}`;
    expect(await page(scope)).toEqual(after);
  });
});
