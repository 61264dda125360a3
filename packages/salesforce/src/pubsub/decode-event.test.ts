import { describe, expect, it } from 'vitest';
import { decodeEvent, parseSchema, replayNumber } from './decode-event.ts';

const nullable = (name: string, type: unknown) => ({ name, type: ['null', type], default: null });
// Shaped like a Salesforce change event schema: header, a compound Name, plain fields.
const schema = parseSchema(
  JSON.stringify({
    type: 'record',
    name: 'ContactChangeEvent',
    namespace: 'com.sforce.eventbus',
    fields: [
      {
        name: 'ChangeEventHeader',
        type: {
          type: 'record',
          name: 'ChangeEventHeader',
          fields: [
            { name: 'entityName', type: 'string' },
            { name: 'recordIds', type: { type: 'array', items: 'string' } },
            { name: 'changeType', type: 'string' },
            { name: 'transactionKey', type: 'string' },
            { name: 'sequenceNumber', type: 'int' },
            { name: 'commitTimestamp', type: 'long' },
            { name: 'changedFields', type: { type: 'array', items: 'string' } },
            { name: 'nulledFields', type: { type: 'array', items: 'string' } },
            { name: 'diffFields', type: { type: 'array', items: 'string' } },
          ],
        },
      },
      nullable('Name', {
        type: 'record',
        name: 'Contact_Name',
        fields: [nullable('FirstName', 'string'), nullable('LastName', 'string')],
      }),
      nullable('Email', 'string'),
      nullable('Phone', 'string'),
      nullable('Title', 'string'),
    ],
  }),
);

const header = (changeType: string, changedFields: string[], nulledFields: string[] = []) => ({
  entityName: 'Contact',
  recordIds: ['0035g00000AbCdEAAA'],
  changeType,
  transactionKey: 'tx-1',
  sequenceNumber: 1,
  commitTimestamp: 1714156685123,
  changedFields,
  nulledFields,
  diffFields: [],
});

const replay = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 2]);
const encode = (value: Record<string, unknown>) => schema.type.toBuffer(value);

describe('decodeEvent (Pub/Sub Avro to the change event CometD would deliver)', () => {
  it('keeps only the changed and nulled fields of an UPDATE: unchanged ones arrive null', () => {
    // Positions: 1 Name, 2 Email, 3 Phone, 4 Title. Changed: Name.LastName, Phone; nulled: Title.
    const payload = encode({
      ChangeEventHeader: header('UPDATE', ['0x0a', '1-0x02'], ['0x10']),
      Name: { FirstName: null, LastName: 'King' },
      Email: null,
      Phone: '+1 415 555 0100',
      Title: null,
    });
    const event = decodeEvent(schema, payload, replay)!;
    expect(event.changedFields).toEqual(['Phone', 'LastName']);
    expect(event.fields).toEqual({ LastName: 'King', Phone: '+1 415 555 0100', Title: null });
    expect(event.replayId).toBe(258);
    expect([...event.replay!]).toEqual([...replay]);
  });

  it('keeps every non-null field of a CREATE, compound components flattened', () => {
    const payload = encode({
      ChangeEventHeader: header('CREATE', ['0x1e', '1-0x03']),
      Name: { FirstName: 'Ada', LastName: 'Lovelace' },
      Email: 'ada@example.com',
      Phone: null,
      Title: null,
    });
    expect(decodeEvent(schema, payload, replay)!.fields).toEqual({
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada@example.com',
    });
  });

  it('reads up to 8 replay id bytes as the number CometD shows, and anything else as 0', () => {
    expect(replayNumber(Uint8Array.from([0, 0, 0, 0, 2, 66, 95, 154]))).toBe(37904282);
    expect(replayNumber(new Uint8Array(9))).toBe(0);
  });
});
