import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControlError, type RunningEmulator } from '../index.ts';
import { connectAs, startTestEmulator } from './support.ts';

// Setup's metadata changes at run time through the control API, seen by a jsforce client.
let emu: RunningEmulator;
let conn: Connection;
beforeAll(async () => {
  emu = await startTestEmulator();
  conn = await connectAs(emu);
});
afterAll(() => emu.close());

async function describedNames(object: 'Contact' | 'Lead'): Promise<string[]> {
  // jsforce caches describe per connection: read it fresh, as a client does after a schema change.
  const res = (await conn.request(`/sobjects/${object}/describe`)) as { fields: { name: string }[] };
  return res.fields.map((f) => f.name);
}

async function queryError(soql: string): Promise<string | undefined> {
  const err = (await conn.query(soql).then(
    () => undefined,
    (e: unknown) => e,
  )) as { errorCode?: string } | undefined;
  return err?.errorCode;
}

describe('custom fields at run time', () => {
  it('adds a field that describe, SOQL and REST writes then carry', async () => {
    const field = await emu.control.addField('acme', 'Lead', {
      name: 'Campaign_Code__c',
      label: 'Campaign Code',
      type: 'string',
      length: 12,
    });
    expect(field).toMatchObject({ name: 'Campaign_Code__c', custom: true, length: 12, readable: true });
    expect(await describedNames('Lead')).toContain('Campaign_Code__c');
    const created = await conn
      .sobject('Lead')
      .create({ LastName: 'Ito', Company: 'Kaito', Campaign_Code__c: 'SPRING26' });
    const rows = await conn.query<{ Campaign_Code__c: string | null }>(
      `SELECT Campaign_Code__c FROM Lead WHERE Id = '${created.id}'`,
    );
    expect(rows.records[0]?.Campaign_Code__c).toBe('SPRING26');
    // Rows that existed before the field read it as null.
    const before = await conn.query<{ Campaign_Code__c: unknown }>(
      'SELECT Campaign_Code__c FROM Lead WHERE Campaign_Code__c = null LIMIT 1',
    );
    expect(before.records[0]?.Campaign_Code__c).toBeNull();
  });

  it('hides a field from the API user and shows it again', async () => {
    await emu.control.hideField('acme', 'Contact', 'Best_Time_To_Call__c');
    expect(await describedNames('Contact')).not.toContain('Best_Time_To_Call__c');
    expect(await queryError('SELECT Best_Time_To_Call__c FROM Contact')).toBe('INVALID_FIELD');
    const listed = await emu.control.fields('acme', 'Contact');
    expect(listed.find((f) => f.name === 'Best_Time_To_Call__c')?.readable).toBe(false);
    expect(listed.find((f) => f.name === 'Internal_Notes__c')?.readable).toBe(false);
    await emu.control.showField('acme', 'Contact', 'Best_Time_To_Call__c');
    expect(await describedNames('Contact')).toContain('Best_Time_To_Call__c');
    // The values were kept while hidden.
    const rows = await conn.query<{ Best_Time_To_Call__c: unknown }>(
      'SELECT Best_Time_To_Call__c FROM Contact WHERE Best_Time_To_Call__c != null',
    );
    expect(rows.totalSize).toBeGreaterThan(0);
  });

  it('renames the label of a custom field only: the API name, its values and queries stay', async () => {
    const before = await conn.query<{ Id: string; Lead_Score__c: number | null }>(
      'SELECT Id, Lead_Score__c FROM Lead ORDER BY Id',
    );
    const field = await emu.control.relabelField('acme', 'Lead', 'Lead_Score__c', 'Score (0-100)');
    expect(field).toMatchObject({ name: 'Lead_Score__c', label: 'Score (0-100)', readable: true });
    const described = (await conn.request('/sobjects/Lead/describe')) as {
      fields: { name: string; label: string }[];
    };
    expect(described.fields.find((f) => f.name === 'Lead_Score__c')?.label).toBe('Score (0-100)');
    const after = await conn.query('SELECT Id, Lead_Score__c FROM Lead ORDER BY Id');
    expect(after.records).toEqual(before.records);
    expect(before.records.some((r) => r.Lead_Score__c != null)).toBe(true);
    await expect(emu.control.relabelField('acme', 'Lead', 'LastName', 'Surname')).rejects.toMatchObject({
      status: 400,
    });
    await expect(emu.control.relabelField('acme', 'Lead', 'Lead_Score__c', '')).rejects.toMatchObject({
      status: 400,
    });
  });

  it('deletes a custom field with its values', async () => {
    await emu.control.removeField('acme', 'Lead', 'Lead_Score__c');
    expect(await describedNames('Lead')).not.toContain('Lead_Score__c');
    expect(await queryError('SELECT Lead_Score__c FROM Lead')).toBe('INVALID_FIELD');
    expect((await emu.control.records('acme', 'Lead')).some((r) => 'Lead_Score__c' in r)).toBe(false);
  });

  it('refuses bad field definitions and changes to standard fields', async () => {
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: unknown) => (e instanceof EmulatorControlError ? e.status : 0),
      );
    expect(
      await status(emu.control.addField('acme', 'Contact', { name: 'NoSuffix', label: 'x', type: 'string' })),
    ).toBe(400);
    expect(
      await status(emu.control.addField('acme', 'Contact', { name: 'Bad__c', label: 'x', type: 'picklist' })),
    ).toBe(400);
    expect(
      await status(
        emu.control.addField('acme', 'Contact', { name: 'Consent_Date__c', label: 'Again', type: 'date' }),
      ),
    ).toBe(409);
    expect(await status(emu.control.removeField('acme', 'Contact', 'Email'))).toBe(400);
    expect(await status(emu.control.hideField('acme', 'Contact', 'LastName'))).toBe(400);
    expect(await status(emu.control.hideField('acme', 'Contact', 'Nope__c'))).toBe(404);
  });
});

describe('custom fields in the state file', () => {
  it('keeps added, hidden and deleted fields across a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emu-fields-'));
    try {
      const first = await startTestEmulator({ persist: { dir, debounceMs: 20 } });
      await first.control.addField('acme', 'Contact', {
        name: 'Tier__c',
        label: 'Tier',
        type: 'picklist',
        picklistValues: ['Gold', 'Silver'],
      });
      await first.control.hideField('acme', 'Contact', 'Consent_Date__c');
      await first.control.removeField('acme', 'Lead', 'Region__c');
      await first.close();
      const second = await startTestEmulator({ persist: { dir, debounceMs: 20 } });
      try {
        const contact = await second.control.fields('acme', 'Contact');
        expect(contact.find((f) => f.name === 'Tier__c')?.picklistValues.map((p) => p.value)).toEqual([
          'Gold',
          'Silver',
        ]);
        expect(contact.find((f) => f.name === 'Consent_Date__c')?.readable).toBe(false);
        expect(contact.find((f) => f.name === 'Internal_Notes__c')?.readable).toBe(false);
        expect((await second.control.fields('acme', 'Lead')).map((f) => f.name)).not.toContain('Region__c');
        const seeded = await second.control.records('acme', 'Contact');
        expect(seeded.filter((r) => typeof r.Preferred_Language__c === 'string').length).toBeGreaterThan(100);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
