import { describe, expect, it } from 'vitest';
import { SoqlError } from './errors.ts';
import { tokenize } from './lexer.ts';
import { parseSoql } from './parser.ts';

describe('SOQL tokenizer and parser', () => {
  it('tokenizes escapes, datetimes, dates and numbers', () => {
    const kinds = tokenize(
      "Name = 'O\\'Brien\\n' AND D >= 2026-11-28T10:00:00.000Z AND A = 2026-11-28 AND N < -1.5",
    ).map((t) => [t.kind, t.text]);
    expect(kinds).toContainEqual(['string', "O'Brien\n"]);
    expect(kinds).toContainEqual(['datetime', '2026-11-28T10:00:00.000Z']);
    expect(kinds).toContainEqual(['date', '2026-11-28']);
    expect(kinds).toContainEqual(['number', '-1.5']);
  });

  it('parses precedence (AND binds tighter than OR), IN, NOT IN, ORDER BY and LIMIT', () => {
    const q = parseSoql(
      "SELECT Id, Name FROM Contact WHERE A = 1 OR B = 2 AND C IN ('x', 'y') ORDER BY Name DESC NULLS LAST, Id LIMIT 5 OFFSET 2",
    );
    expect(q.select).toEqual(['Id', 'Name']);
    expect(q.where).toMatchObject({
      kind: 'or',
      left: { kind: 'cmp', field: 'A' },
      right: { kind: 'and', right: { kind: 'in', negated: false } },
    });
    expect(q.orderBy).toEqual([
      { field: 'Name', desc: true, nullsLast: true },
      { field: 'Id', desc: false, nullsLast: false },
    ]);
    expect(q.limit).toBe(5);
    expect(q.offset).toBe(2);
    expect(parseSoql('select count() from Lead where not (X != null)').select).toBe('count');
  });

  it.each([
    'SELECT FROM Contact',
    'SELECT Id FROM Contact WHERE',
    'SELECT Id FROM Contact WHERE A = ',
    "SELECT Id FROM Contact WHERE A IN ('x'",
    'SELECT Id FROM Contact LIMIT x',
    'SELECT Id FROM Contact extra',
    'SELECT Id, FROM Contact',
    "SELECT Id FROM Contact WHERE A = 'bad\\q'",
  ])('rejects %s as MALFORMED_QUERY', (soql) => {
    expect(() => parseSoql(soql)).toThrow(SoqlError);
    try {
      parseSoql(soql);
    } catch (e) {
      expect((e as SoqlError).errorCode).toBe('MALFORMED_QUERY');
    }
  });
});
