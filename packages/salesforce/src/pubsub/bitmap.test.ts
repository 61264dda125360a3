import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { bitmapFieldNames, type RecordShape } from './bitmap.ts';

const nullable = (name: string, type: unknown) => ({ name, type: ['null', type], default: null });
// Field order as a change event schema has it: header first, a compound Name record, then fields.
const schema = avro.Type.forSchema({
  type: 'record',
  name: 'ContactChangeEvent',
  fields: [
    nullable('ChangeEventHeader', 'string'),
    nullable('Name', {
      type: 'record',
      name: 'Contact_Name',
      fields: [
        nullable('Salutation', 'string'),
        nullable('FirstName', 'string'),
        nullable('LastName', 'string'),
      ],
    }),
    ...Array.from({ length: 12 }, (_, i) => nullable(`Field${i + 2}__c`, 'string')),
  ],
} as avro.Schema) as unknown as RecordShape;

describe('bitmapFieldNames (Pub/Sub ChangeEventHeader bitmaps)', () => {
  it('names the schema fields whose bits are set, bit 0 being the lowest', () => {
    // 0x2006 = bits 1, 2 and 13: Name, Field2__c, Field13__c.
    expect(bitmapFieldNames(schema, ['0x2006'])).toEqual(['Name', 'Field2__c', 'Field13__c']);
  });

  it('names the components of a compound field from its "position-bitmap" element', () => {
    // Name is at position 1; 0x06 = its FirstName and LastName.
    expect(bitmapFieldNames(schema, ['0x02', '1-0x06'])).toEqual(['Name', 'Name.FirstName', 'Name.LastName']);
  });

  it('leaves an empty list empty and passes plain field names through', () => {
    expect(bitmapFieldNames(schema, [])).toEqual([]);
    expect(bitmapFieldNames(schema, ['Email'])).toEqual(['Email']);
  });

  it('ignores bits past the schema and positions that are not compound fields', () => {
    expect(bitmapFieldNames(schema, ['0x10000', '3-0x01'])).toEqual([]);
  });
});
