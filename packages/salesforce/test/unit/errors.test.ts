import { describe, expect, it } from 'vitest';
import { SalesforceError } from '../../src/errors.ts';
import { toSalesforceError } from '../../src/map-error.ts';
import { redact } from '../../src/redact.ts';

class HttpApiLikeError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
  ) {
    super(message);
    this.name = errorCode;
  }
}

describe('toSalesforceError', () => {
  it.each([
    ['REQUEST_LIMIT_EXCEEDED', 'rate_limited'],
    ['MALFORMED_QUERY', 'invalid_query'],
    ['INVALID_FIELD', 'invalid_query'],
    ['INVALID_TYPE', 'invalid_query'],
    ['NOT_FOUND', 'not_found'],
    ['ERROR_HTTP_503', 'transient'],
    ['ERROR_HTTP_500', 'transient'],
    ['INVALID_SESSION_ID', 'auth_expired'],
    ['invalid_grant', 'auth_revoked'],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'unknown'],
  ] as const)('maps %s to %s', (code, kind) => {
    const err = toSalesforceError(new HttpApiLikeError('boom', code));
    expect(err).toBeInstanceOf(SalesforceError);
    expect(err.kind).toBe(kind);
    expect(err.errorCode).toBe(code);
  });

  it('uses the observed HTTP status when the code says nothing', () => {
    expect(toSalesforceError(new HttpApiLikeError('x', 'SOMETHING'), { status: 503 }).kind).toBe('transient');
    expect(toSalesforceError(new HttpApiLikeError('x', 'SOMETHING'), { status: 404 }).kind).toBe('not_found');
  });

  it('treats network failures as transient', () => {
    const err = new TypeError('fetch failed');
    Object.assign(err, { cause: { code: 'ECONNREFUSED' } });
    expect(toSalesforceError(err).kind).toBe('transient');
  });

  it('recovers the refresh failure that jsforce wraps into a plain Error', () => {
    const refreshFailure = new SalesforceError('auth_revoked', 'invalid_grant: expired access/refresh token');
    const wrapped = new Error('Unable to refresh session due to: expired access/refresh token');
    expect(toSalesforceError(wrapped, { refreshFailure })).toBe(refreshFailure);
    expect(toSalesforceError(wrapped).kind).toBe('auth_expired');
  });

  it('never keeps tokens in messages', () => {
    const token = '00D5g000001abcdEAA!AQ4AQFh2.secret.token.value';
    const err = toSalesforceError(new Error(`GET https://x/id/1/2?format=json&oauth_token=${token} failed`), {
      secrets: ['my-refresh-token-value'],
    });
    expect(err.message).not.toContain('AQ4AQFh2');
    expect(
      redact('Authorization: Bearer abc.def-123 and my-refresh-token-value', ['my-refresh-token-value']),
    ).toBe('Authorization: Bearer [redacted] and [redacted]');
  });
});
