import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { connectSalesforce } from '../../../test/salesforce-sign-in.ts';

const ctx = useTestContext();
const SYNCS = '/api/integrations/salesforce/syncs';
let admin: request.Agent;

type FieldView = {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  required: boolean;
  selected: boolean;
};

beforeAll(async () => {
  admin = await ctx.loginAs('admin@demo.test');
  await connectSalesforce(admin, 'integration.user@acme.example');
  await admin.post(SYNCS).send({ object: 'Contact' }).expect(201);
});

describe('GET /api/integrations/salesforce/syncs/:object/fields', () => {
  it("lists the object's readable fields from describe, required ones included, hidden ones absent", async () => {
    const res = await admin.get(`${SYNCS}/Contact/fields`).expect(200);
    const fields = res.body.fields as FieldView[];
    const byName = new Map(fields.map((field) => [field.name, field]));
    expect(byName.get('Preferred_Language__c')).toEqual({
      name: 'Preferred_Language__c',
      label: 'Preferred Language',
      type: 'picklist',
      custom: true,
      required: false,
      selected: false,
    });
    expect(byName.get('Email')).toMatchObject({ required: true, selected: true, custom: false });
    expect(byName.get('SystemModstamp')).toMatchObject({ required: true, selected: true });
    expect(byName.get('MailingCountry')).toMatchObject({ required: false, selected: true });
    expect(byName.has('Internal_Notes__c')).toBe(false);
    expect(byName.has('IsDeleted')).toBe(false);
  });

  it('answers 404 for an object that is not synced', async () => {
    const res = await admin.get(`${SYNCS}/Lead/fields`).expect(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('PATCH /api/integrations/salesforce/syncs/:object with fields', () => {
  it('saves a choice checked against describe and lists it as selected', async () => {
    const saved = await admin
      .patch(`${SYNCS}/Contact`)
      .send({ fields: ['Email', 'Preferred_Language__c', 'Best_Time_To_Call__c'] })
      .expect(200);
    expect(saved.body.fields).toEqual(['Preferred_Language__c', 'Best_Time_To_Call__c']);
    const listed = (await admin.get(`${SYNCS}/Contact/fields`).expect(200)).body.fields as FieldView[];
    expect(
      listed
        .filter((f) => f.selected && !f.required)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['Best_Time_To_Call__c', 'Preferred_Language__c']);
  });

  it('refuses a name not in the org describe (a hidden field too) with a 400 naming it, and changes nothing', async () => {
    const before = await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT' } });
    for (const name of ['Internal_Notes__c', 'No_Such_Field__c']) {
      const res = await admin
        .patch(`${SYNCS}/Contact`)
        .send({ fields: ['Preferred_Language__c', name], enabled: false })
        .expect(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.message).toContain(name);
      expect(res.body.error.issues).toEqual([{ path: 'fields.1', message: expect.stringContaining(name) }]);
    }
    const after = await ctx.db.objectSync.findFirstOrThrow({ where: { object: 'CONTACT' } });
    expect(after.fields).toEqual(before.fields);
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it('refuses what is not a field name, and more than 100 fields, before asking Salesforce', async () => {
    const injected = await admin
      .patch(`${SYNCS}/Contact`)
      .send({ fields: ['Id FROM User --'] })
      .expect(400);
    expect(injected.body.error.issues[0].path).toBe('fields.0');
    const many = Array.from({ length: 101 }, (_, i) => `Field_${i}__c`);
    const tooMany = await admin.patch(`${SYNCS}/Contact`).send({ fields: many }).expect(400);
    expect(tooMany.body.error.message).toContain('at most 100');
  });
});
