import { describe, expect, it } from 'vitest';
import { parseChangeEvent } from './change-event.ts';

const header = (changeType: string, changedFields: string[] = []) => ({
  entityName: 'Contact',
  recordIds: ['0035g00000AbCdEAAA'],
  changeType,
  changedFields,
  transactionKey: '00006bec-ce66-0611-9018-30a98446c9f2',
  sequenceNumber: 1,
  commitTimestamp: 1714156685123,
});

describe('parseChangeEvent with compound fields (as Salesforce nests them)', () => {
  it('spreads a nested Name and address into the flat record fields', () => {
    const event = parseChangeEvent({
      event: { replayId: 11 },
      payload: {
        ChangeEventHeader: header('CREATE'),
        Name: { Salutation: null, FirstName: 'Ada', LastName: 'Lovelace' },
        MailingAddress: { Street: '12 St James Sq', City: 'London', Country: 'United Kingdom' },
        Address: { City: 'Arlington' },
        BillingAddress: { PostalCode: '94105' },
        Email: 'ada@example.com',
        OwnerId: '0055f000005mc66AAA',
      },
    });
    expect(event?.fields).toEqual({
      Salutation: null,
      FirstName: 'Ada',
      LastName: 'Lovelace',
      MailingStreet: '12 St James Sq',
      MailingCity: 'London',
      MailingCountry: 'United Kingdom',
      City: 'Arlington',
      BillingPostalCode: '94105',
      Email: 'ada@example.com',
      OwnerId: '0055f000005mc66AAA',
    });
  });

  it('names changed components by their record fields', () => {
    const event = parseChangeEvent({
      event: { replayId: 12 },
      payload: {
        ChangeEventHeader: header('UPDATE', [
          'Name.LastName',
          'MailingAddress.City',
          'Address.Country',
          'Phone',
        ]),
        Name: { LastName: 'King' },
        MailingAddress: { City: null },
        Phone: '+1 415 555 0100',
      },
    });
    expect(event?.changedFields).toEqual(['LastName', 'MailingCity', 'Country', 'Phone']);
    expect(event?.fields).toEqual({ LastName: 'King', MailingCity: null, Phone: '+1 415 555 0100' });
  });
});
