import { describe, expect, it } from 'vitest';
import { typedValue } from './field-types.ts';
import { pickSynced, syncedFieldsOf } from './fields.ts';
import { backfillQuery, changesQuery } from './soql.ts';

describe('typedValue', () => {
  it('numbers as numbers, from JSON or CSV text', () => {
    expect(typedValue('currency', 1234.5)).toBe(1234.5);
    expect(typedValue('double', '24.4')).toBe(24.4);
    expect(typedValue('int', '')).toBeNull();
  });

  it('booleans as booleans, dates as YYYY-MM-DD, datetimes as ISO UTC whatever the offset form', () => {
    expect(typedValue('boolean', 'true')).toBe(true);
    expect(typedValue('boolean', false)).toBe(false);
    expect(typedValue('date', '2026-03-01')).toBe('2026-03-01');
    expect(typedValue('datetime', '2026-11-28T10:00:00.000+0000')).toBe('2026-11-28T10:00:00.000Z');
    expect(typedValue('datetime', '2026-11-28T10:00:00Z')).toBe('2026-11-28T10:00:00.000Z');
  });

  it('picklists and text as strings; null stays null', () => {
    expect(typedValue('picklist', 'Spanish')).toBe('Spanish');
    expect(typedValue('string', '')).toBe('');
    expect(typedValue('picklist', null)).toBeNull();
  });
});

describe('syncedFieldsOf', () => {
  it('is the core plus the default extras until the admin chooses, then the core plus the choice', () => {
    const defaults = syncedFieldsOf({ object: 'CONTACT', fields: null }).map((f) => f.name);
    expect(defaults).toContain('MailingCountry');
    const chosen = syncedFieldsOf({
      object: 'LEAD',
      fields: [{ name: 'Region__c', label: 'Region', type: 'picklist', custom: true }],
    });
    expect(chosen.map((f) => [f.name, f.required])).toEqual([
      ['Id', true],
      ['FirstName', true],
      ['LastName', true],
      ['Name', true],
      ['Email', true],
      ['Phone', true],
      ['MobilePhone', true],
      ['DoNotCall', true],
      ['Region__c', false],
    ]);
    expect(pickSynced(chosen, { Region__c: 'EMEA', Company: 'Acme', attributes: {} })).toEqual({
      Region__c: 'EMEA',
    });
  });
});

describe('queries of chosen fields', () => {
  it('select each name once, and refuse anything that is not a field name', () => {
    expect(backfillQuery('CONTACT', [{ name: 'Region__c' }], null)).toBe(
      'SELECT Id, Region__c, SystemModstamp FROM Contact ORDER BY Id',
    );
    expect(() => changesQuery('CONTACT', [{ name: 'Id FROM User --' }], new Date(0))).toThrow(
      'not a Salesforce field name',
    );
  });
});
