import { describe, expect, it } from 'vitest';
import { normalizeRecord } from './normalize-record.ts';

const NUL = String.fromCharCode(0);
const HIGH = String.fromCharCode(0xd83d);
const LOW = String.fromCharCode(0xde00);
const record = (fields: Record<string, unknown>, id = '0035g00000000001AAA') => ({
  id,
  fields: { Id: id, ...fields },
  modstamp: new Date('2026-01-01T00:00:00.000Z'),
  deleted: false,
});

describe('normalizeRecord', () => {
  it('drops NUL and replaces lone surrogates in text, keeping valid pairs (emoji) as they are', () => {
    const result = normalizeRecord(
      record({
        LastName: `O${NUL}Neil`,
        Title: `A${HIGH}B${LOW}C ${HIGH}${LOW}`,
        DoNotCall: true,
        Phone: null,
      }),
    );
    expect(result).toEqual({
      ok: true,
      record: expect.objectContaining({
        fields: {
          Id: '0035g00000000001AAA',
          LastName: 'ONeil',
          Title: `A\uFFFDB\uFFFDC ${HIGH}${LOW}`,
          DoNotCall: true,
          Phone: null,
        },
      }),
    });
  });

  it('cleans text inside nested values too', () => {
    const result = normalizeRecord(record({ MailingAddress: { City: `Pa${NUL}ris`, Lines: [`x${LOW}`] } }));
    expect(result.ok && result.record.fields.MailingAddress).toEqual({ City: 'Paris', Lines: ['x\uFFFD'] });
  });

  it('refuses, rather than rewrites, an id: its own or a reference', () => {
    expect(normalizeRecord(record({ AccountId: `001${NUL}abc` }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^AccountId contains a NUL character or broken Unicode/),
    });
    expect(normalizeRecord(record({}, `003${HIGH}`))).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Its Id contains/),
    });
  });

  it('refuses a version that is not a time', () => {
    expect(normalizeRecord({ ...record({}), modstamp: new Date('not a date') })).toEqual({
      ok: false,
      reason: 'Its SystemModstamp is not a valid date and time.',
    });
  });
});
