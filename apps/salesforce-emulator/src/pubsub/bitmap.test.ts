import { describe, expect, it } from 'vitest';
import { fieldBitmap } from './bitmap.ts';

const FIELDS = [
  { name: 'ChangeEventHeader' },
  { name: 'Email' },
  { name: 'Name', children: ['FirstName', 'LastName'] },
  { name: 'Phone' },
  ...Array.from({ length: 8 }, (_, i) => ({ name: `F${i}` })),
  { name: 'MailingAddress', children: ['Street', 'City', 'State', 'PostalCode', 'Country'] },
];

describe('fieldBitmap', () => {
  it('sets bit i for the field at schema position i, in whole upper-case bytes', () => {
    expect(fieldBitmap(FIELDS, ['Email', 'Phone'])).toEqual(['0x0A']);
    expect(fieldBitmap(FIELDS, ['F7'])).toEqual(['0x0800']);
    expect(fieldBitmap(FIELDS, ['Phone', 'F4', 'F5'])).toEqual(['0x0308']);
  });

  it('adds "{position}-{bitmap}" for the components of compound fields', () => {
    expect(
      fieldBitmap(FIELDS, ['Phone', 'Name.LastName', 'MailingAddress.City', 'MailingAddress.Country']),
    ).toEqual(['0x08', '2-0x02', '12-0x12']);
  });

  it('leaves out the plain bitmap when only components are named, and is empty for no names', () => {
    expect(fieldBitmap(FIELDS, ['Name.FirstName'])).toEqual(['2-0x01']);
    expect(fieldBitmap(FIELDS, [])).toEqual([]);
  });
});
