import { Prisma } from '@ch/db';
import { SalesforceError } from '@ch/salesforce';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error.ts';
import { backoffMs, failureMessage, isDeferral, NotConnectedError } from './failure-policy.ts';

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

  it("writes Salesforce's failures as <kind>: <message>", () => {
    expect(failureMessage(new SalesforceError('rate_limited', 'REQUEST_LIMIT_EXCEEDED: limit'))).toBe(
      'rate_limited: REQUEST_LIMIT_EXCEEDED: limit',
    );
  });
});

describe('isDeferral', () => {
  it('defers what is not the work’s fault: no connection, a refused refresh token, the quota', () => {
    expect(isDeferral(new NotConnectedError('not_connected', 'Salesforce is not connected.'))).toBe(true);
    expect(isDeferral(new NotConnectedError('needs_reconnect', 'Reset Token.'))).toBe(true);
    expect(isDeferral(new SalesforceError('auth_revoked', 'expired access/refresh token'))).toBe(true);
    expect(isDeferral(new SalesforceError('rate_limited', 'limit'))).toBe(true);
  });

  it('counts a token Salesforce refused after refreshing it, and every other failure', () => {
    expect(isDeferral(new SalesforceError('auth_expired', 'INVALID_SESSION_ID'))).toBe(false);
    expect(isDeferral(new SalesforceError('transient', 'ECONNRESET'))).toBe(false);
    expect(isDeferral(new Error('boom'))).toBe(false);
    // A 409 of our own HTTP layer is not read as "no connection".
    expect(isDeferral(new AppError('conflict', 'Salesforce is not connected.'))).toBe(false);
  });
});

describe('backoffMs', () => {
  const policy = { firstMs: 1_000, maxMs: 60_000 };

  it('doubles per attempt, with jitter between half and all of it', () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const ceiling = 1_000 * 2 ** (attempt - 1);
      for (let i = 0; i < 50; i++) {
        const delay = backoffMs(attempt, policy);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('never waits longer than the cap', () => {
    expect(backoffMs(30, policy)).toBeLessThanOrEqual(60_000);
  });
});
