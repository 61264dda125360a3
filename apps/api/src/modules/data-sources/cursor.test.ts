import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('opaque cursors', () => {
  it('round-trip as base64url', () => {
    const cursor = encodeCursor({ k: 'records', after: '003000000000001AAA' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('records', cursor)).toEqual({ k: 'records', after: '003000000000001AAA' });
    expect(decodeCursor('changes', encodeCursor({ k: 'changes', seq: '42' })).seq).toBe('42');
    const max = encodeCursor({ k: 'changes', seq: '9223372036854775807' });
    expect(decodeCursor('changes', max).seq).toBe('9223372036854775807');
  });

  it.each([
    ['a cursor of the other list', () => decodeCursor('changes', encodeCursor({ k: 'records', after: 'x' }))],
    ['garbage', () => decodeCursor('records', '!!!')],
    ['a non-numeric seq', () => decodeCursor('changes', encodeCursor({ k: 'changes', seq: '1; DROP' }))],
    ['an overlong id', () => decodeCursor('records', encodeCursor({ k: 'records', after: 'x'.repeat(65) }))],
    ['an id with NUL', () => decodeCursor('records', encodeCursor({ k: 'records', after: '003\u0000' }))],
    [
      'an id with a lone surrogate',
      () => decodeCursor('records', encodeCursor({ k: 'records', after: '003\ud800' })),
    ],
    [
      'a seq above 2^63-1',
      () => decodeCursor('changes', encodeCursor({ k: 'changes', seq: '9223372036854775808' })),
    ],
  ])('refuses %s with a 400 AppError', (_name, decode) => {
    expect(decode).toThrowError(AppError);
    try {
      decode();
    } catch (error) {
      expect((error as AppError).status).toBe(400);
    }
  });
});
