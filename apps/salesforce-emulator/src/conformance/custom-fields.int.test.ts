import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { type Subscriber, subscribe, waitFor } from './streaming.ts';
import { connectAs, GLOBEX_USER, rest, startTestEmulator } from './support.ts';

// Custom fields and field-level security as a Salesforce client sees them, through jsforce.
let emu: RunningEmulator;
let conn: Connection;
let events: Subscriber | undefined;
beforeAll(async () => {
  emu = await startTestEmulator();
  conn = await connectAs(emu);
});
afterAll(async () => {
  events?.close();
  await emu.close();
});

type Row = Record<string, unknown>;

async function saveError(work: PromiseLike<unknown>): Promise<{ errorCode?: string; message?: string }> {
  return (await Promise.resolve(work).then(
    () => ({}),
    (e: unknown) => e,
  )) as { errorCode?: string; message?: string };
}

describe('custom fields in describe', () => {
  it("describes Acme's Contact custom fields in Salesforce's shape", async () => {
    const { fields } = await conn.sobject('Contact').describe();
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get('Preferred_Language__c')).toMatchObject({
      label: 'Preferred Language',
      type: 'picklist',
      custom: true,
      nillable: true,
      createable: true,
      updateable: true,
      restrictedPicklist: true,
      picklistValues: ['English', 'Spanish', 'French', 'German'].map((value) => ({
        value,
        label: value,
        active: true,
        defaultValue: false,
      })),
    });
    expect(byName.get('Best_Time_To_Call__c')).toMatchObject({
      label: 'Best Time To Call',
      type: 'string',
      length: 40,
      custom: true,
      soapType: 'xsd:string',
    });
    expect(byName.get('Lifetime_Value__c')).toMatchObject({
      type: 'currency',
      precision: 18,
      scale: 2,
      soapType: 'xsd:double',
      custom: true,
    });
    expect(byName.get('Consent_Date__c')).toMatchObject({ type: 'date', soapType: 'xsd:date', custom: true });
    expect(byName.get('Email')).toMatchObject({ custom: false, picklistValues: [] });
    // Field-level security: the integration user's profile cannot read it, so it is not there.
    expect(byName.has('Internal_Notes__c')).toBe(false);
  });

  it('describes Lead Region__c and Lead_Score__c; Globex has no custom fields', async () => {
    const lead = new Map((await conn.sobject('Lead').describe()).fields.map((f) => [f.name, f]));
    expect(lead.get('Region__c')).toMatchObject({ label: 'Region', type: 'picklist', custom: true });
    expect(lead.get('Region__c')?.picklistValues?.map((p) => p.value)).toEqual(['AMER', 'EMEA', 'APAC']);
    expect(lead.get('Lead_Score__c')).toMatchObject({ type: 'double', custom: true, precision: 5, scale: 1 });
    const globex = await connectAs(emu, GLOBEX_USER);
    const names = (await globex.sobject('Contact').describe()).fields.map((f) => f.name);
    expect(names.filter((n) => n.endsWith('__c'))).toEqual([]);
  });
});

describe('custom fields in SOQL', () => {
  it('selects and filters seeded values, typed as Salesforce types them', async () => {
    const all = await conn.query<Row>(
      'SELECT Id, Preferred_Language__c, Best_Time_To_Call__c, Lifetime_Value__c, Consent_Date__c FROM Contact',
    );
    const withLanguage = all.records.filter((r) => r.Preferred_Language__c !== null);
    expect(withLanguage.length).toBeGreaterThan(all.totalSize / 2);
    for (const r of all.records) {
      expect(['English', 'Spanish', 'French', 'German', null]).toContain(r.Preferred_Language__c);
      if (r.Lifetime_Value__c !== null) expect(typeof r.Lifetime_Value__c).toBe('number');
      if (r.Consent_Date__c !== null) expect(r.Consent_Date__c).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const some = await conn.query<Row>(
      "SELECT Id, Preferred_Language__c FROM Contact WHERE Preferred_Language__c IN ('Spanish', 'French')",
    );
    expect(some.totalSize).toBe(
      withLanguage.filter((r) => ['Spanish', 'French'].includes(String(r.Preferred_Language__c))).length,
    );
    const rich = await conn.query<Row>('SELECT Id FROM Contact WHERE Lifetime_Value__c > 25000');
    expect(rich.totalSize).toBe(all.records.filter((r) => Number(r.Lifetime_Value__c ?? 0) > 25000).length);
    const scored = await conn.query<Row>(
      'SELECT Id, Lead_Score__c, Region__c FROM Lead WHERE Lead_Score__c >= 50',
    );
    expect(scored.records.every((r) => typeof r.Lead_Score__c === 'number' && r.Lead_Score__c >= 50)).toBe(
      true,
    );
  });

  it('answers INVALID_FIELD for the field the integration user cannot read', async () => {
    const err = await saveError(conn.query('SELECT Id, Internal_Notes__c FROM Contact'));
    expect(err.errorCode).toBe('INVALID_FIELD');
    expect(err.message).toContain("No such column 'Internal_Notes__c' on entity 'Contact'");
    const res = await rest(
      emu,
      conn.accessToken ?? '',
      `/query?q=${encodeURIComponent('SELECT Internal_Notes__c FROM Contact')}`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { message: expect.stringContaining('Internal_Notes__c'), errorCode: 'INVALID_FIELD', fields: [] },
    ]);
  });
});

describe('custom fields on create and update', () => {
  it('stores typed values and rounds numbers to the field scale', async () => {
    const created = await conn.sobject('Contact').create({
      LastName: 'Okafor',
      Preferred_Language__c: 'French',
      Best_Time_To_Call__c: 'Mornings',
      Lifetime_Value__c: 1234.567,
      Consent_Date__c: '2026-03-01',
    });
    const id = created.id ?? '';
    expect((await conn.sobject('Contact').retrieve(id)) as Row).toMatchObject({
      Preferred_Language__c: 'French',
      Best_Time_To_Call__c: 'Mornings',
      Lifetime_Value__c: 1234.57,
      Consent_Date__c: '2026-03-01',
    });
    await conn
      .sobject('Contact')
      .update({ Id: id, Preferred_Language__c: 'German', Lifetime_Value__c: null });
    const [row] = (
      await conn.query<Row>(`SELECT Preferred_Language__c, Lifetime_Value__c FROM Contact WHERE Id = '${id}'`)
    ).records;
    expect(row).toMatchObject({ Preferred_Language__c: 'German', Lifetime_Value__c: null });
  });

  it("rejects bad values with Salesforce's codes", async () => {
    const contacts = conn.sobject('Contact');
    const picklist = await saveError(contacts.create({ LastName: 'X', Preferred_Language__c: 'Klingon' }));
    expect(picklist).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Preferred Language: bad value for restricted picklist field: Klingon',
    });
    const long = await saveError(contacts.create({ LastName: 'X', Best_Time_To_Call__c: 'x'.repeat(41) }));
    expect(long.errorCode).toBe('STRING_TOO_LONG');
    expect(long.message).toContain('max length=40');
    const typed = await saveError(contacts.create({ LastName: 'X', Lifetime_Value__c: 'lots' }));
    expect(typed.errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    const date = await saveError(contacts.create({ LastName: 'X', Consent_Date__c: '2026-02-31' }));
    expect(date.errorCode).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
    const range = await saveError(
      conn.sobject('Lead').create({ LastName: 'X', Company: 'Y', Lead_Score__c: 10000 }),
    );
    expect(range.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    const hidden = await saveError(contacts.create({ LastName: 'X', Internal_Notes__c: 'secret' }));
    expect(hidden).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining('Internal_Notes__c'),
    });
  });
});

describe('custom fields in change events', () => {
  it('carries custom fields on CREATE and UPDATE, never the hidden one', async () => {
    const s = subscribe(conn, '/data/ContactChangeEvent', -1);
    events = s;
    await s.ready;
    const created = await conn
      .sobject('Contact')
      .create({ LastName: 'Mensah', Preferred_Language__c: 'Spanish' });
    const id = created.id ?? '';
    await conn.sobject('Contact').update({ Id: id, Lifetime_Value__c: 99.5, Consent_Date__c: '2026-01-15' });
    const mine = await waitFor(() => {
      const list = s.events.filter((e) => e.payload.ChangeEventHeader.recordIds.includes(id));
      return list.length >= 2 && list;
    });
    expect(mine[0]?.payload).toMatchObject({ Preferred_Language__c: 'Spanish' });
    expect(mine[1]?.payload).toMatchObject({ Lifetime_Value__c: 99.5, Consent_Date__c: '2026-01-15' });
    expect(mine[1]?.payload.ChangeEventHeader.changedFields).toEqual(
      expect.arrayContaining(['Lifetime_Value__c', 'Consent_Date__c']),
    );
    // An org user edits the hidden field: the event (if any) never shows it to the integration user.
    await emu.control.updateRecords('acme', 'Contact', [
      { Id: id, Internal_Notes__c: 'secret', Title: 'CFO' },
    ]);
    const third = await waitFor(() => {
      const list = s.events.filter((e) => e.payload.ChangeEventHeader.recordIds.includes(id));
      return list.length >= 3 && list[2];
    });
    expect(third.payload).toMatchObject({ Title: 'CFO' });
    expect(third.payload).not.toHaveProperty('Internal_Notes__c');
    expect(third.payload.ChangeEventHeader.changedFields).not.toContain('Internal_Notes__c');
    const stored = (await emu.control.records('acme', 'Contact')).find((r) => r.Id === id);
    expect(stored?.Internal_Notes__c).toBe('secret');
  });

  it('lists custom fields in the change event schema', async () => {
    const res = await rest(emu, conn.accessToken ?? '', '/sobjects/ContactChangeEvent/eventSchema');
    const names = ((await res.json()) as { fields: { name: string; type: unknown }[] }).fields;
    expect(names.find((f) => f.name === 'Lifetime_Value__c')?.type).toEqual(['null', 'double']);
    expect(names.map((f) => f.name)).toContain('Preferred_Language__c');
    expect(names.map((f) => f.name)).not.toContain('Internal_Notes__c');
  });
});
