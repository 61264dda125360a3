import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('opaque cursors', () => {
  it('round-trip as base64url', () => {
    const cursor = encodeCursor({ k: 'records', after: '003000000000001AAA' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('records', cursor)).toEqual({ k: 'records', after: '003000000000001AAA' });
    expect(decodeCursor('changes', encodeCursor({ k: 'changes', seq: '42' })).seq).toBe('42');
  });

  it.each([
    ['a cursor of the other list', () => decodeCursor('changes', encodeCursor({ k: 'records', after: 'x' }))],
    ['garbage', () => decodeCursor('records', '!!!')],
    ['a non-numeric seq', () => decodeCursor('changes', encodeCursor({ k: 'changes', seq: '1; DROP' }))],
    ['an overlong id', () => decodeCursor('records', encodeCursor({ k: 'records', after: 'x'.repeat(65) }))],
  ])('refuses %s with a 400 AppError', (_name, decode) => {
    expect(decode).toThrowError(AppError);
    try {
      decode();
    } catch (error) {
      expect((error as AppError).status).toBe(400);
    }
  });
});
