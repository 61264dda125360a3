import type { FieldDescribe } from '@ch/salesforce';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.ts';
import { fieldViews, resolveChosen } from './described-fields.ts';

const field = (name: string, label: string, type = 'string'): FieldDescribe => ({
  name,
  label,
  type,
  length: 0,
  nillable: true,
  updateable: true,
  createable: true,
  custom: name.endsWith('__c'),
});

const DESCRIBED = [
  field('Id', 'Contact ID', 'id'),
  field('LastName', 'Last Name'),
  field('Email', 'Email', 'email'),
  field('Title', 'Title'),
  field('Preferred_Language__c', 'Preferred Language', 'picklist'),
  field('Lifetime_Value__c', 'Lifetime Value', 'currency'),
];

describe('resolveChosen', () => {
  it('keeps described names with their label and type, drops required and repeated ones', () => {
    expect(
      resolveChosen('CONTACT', DESCRIBED, [
        'Preferred_Language__c',
        'Email',
        'Lifetime_Value__c',
        'Email',
        'Preferred_Language__c',
      ]),
    ).toEqual([
      { name: 'Preferred_Language__c', label: 'Preferred Language', type: 'picklist', custom: true },
      { name: 'Lifetime_Value__c', label: 'Lifetime Value', type: 'currency', custom: true },
    ]);
  });

  it('refuses a name describe does not list with a 400 naming it and where it is', () => {
    const attempt = () => resolveChosen('CONTACT', DESCRIBED, ['Title', 'Internal_Notes__c']);
    expect(attempt).toThrow(AppError);
    try {
      attempt();
    } catch (error) {
      const appError = error as AppError;
      expect(appError.status).toBe(400);
      expect(appError.message).toContain('Internal_Notes__c');
      expect(appError.issues).toEqual([
        {
          path: 'fields.1',
          message: 'Internal_Notes__c is not a field of Contact the connected Salesforce user can read',
        },
      ]);
    }
  });

  it('matches names exactly as Salesforce spells them', () => {
    expect(() => resolveChosen('CONTACT', DESCRIBED, ['preferred_language__c'])).toThrow(AppError);
  });
});

describe('fieldViews', () => {
  it('marks required fields included, the chosen ones selected, and lists required ones first', () => {
    const views = fieldViews('CONTACT', DESCRIBED, new Set(['Title']));
    expect(views.map((v) => [v.name, v.required, v.selected])).toEqual([
      ['Id', true, true],
      ['Email', true, true],
      ['LastName', true, true],
      ['Lifetime_Value__c', false, false],
      ['Preferred_Language__c', false, false],
      ['Title', false, true],
    ]);
    expect(views.find((v) => v.name === 'Preferred_Language__c')?.custom).toBe(true);
  });
});
