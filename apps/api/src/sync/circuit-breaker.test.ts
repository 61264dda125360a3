import { Prisma } from '@ch/db';
import { describe, expect, it } from 'vitest';
import { failureMessage } from './circuit-breaker.ts';

describe('failureMessage', () => {
  it('never shows the admin a database error of its own words', () => {
    const error = new Prisma.PrismaClientKnownRequestError(
      'Raw query failed. Code: `54000`. Message: `index row size 4032 exceeds btree version 4 maximum 2704 for index "SalesforceRecord_pkey"`',
      { code: 'P2010', clientVersion: '7.10.0' },
    );
    const message = failureMessage(error);
    expect(message).toBe(
      'The local copy could not be updated because of a database error; the server log has the details.',
    );
    expect(message).not.toMatch(/SalesforceRecord|btree|54000/);
  });

  it('keeps other errors as they are', () => {
    expect(failureMessage(new Error('the CDC lease was taken over by another worker'))).toBe(
      'the CDC lease was taken over by another worker',
    );
  });
});
