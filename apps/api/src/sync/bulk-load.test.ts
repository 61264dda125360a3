import { SalesforceError } from '@ch/salesforce';
import { describe, expect, it } from 'vitest';
import { bulkFailure, oneAhead } from './bulk-load.ts';

const error = (kind: SalesforceError['kind'], errorCode?: string) =>
  new SalesforceError(kind, 'refused', errorCode ? { errorCode } : {});

describe('which failures send a Bulk load to REST paging', () => {
  it('a job that ends Failed or Aborted, or never finishes', () => {
    expect(bulkFailure(error('unknown', 'BULK_JOB_FAILED'))).toMatch(/Failed/);
    expect(bulkFailure(error('unknown', 'BULK_JOB_ABORTED'))).toMatch(/aborted/);
    expect(bulkFailure(error('transient', 'BULK_JOB_TIMEOUT'))).toMatch(/in time/);
  });

  it('Bulk refused outright: feature off, no endpoint, a query Bulk will not run', () => {
    expect(bulkFailure(error('unknown', 'FEATURE_NOT_ENABLED'))).toMatch(/FEATURE_NOT_ENABLED/);
    expect(bulkFailure(error('not_found', 'NOT_FOUND'))).toMatch(/NOT_FOUND/);
    expect(bulkFailure(error('invalid_query', 'INVALIDJOB'))).toMatch(/INVALIDJOB/);
  });

  it('not sign-in, quota or passing failures: those fail or defer the run, which resumes the job', () => {
    for (const kind of ['auth_expired', 'auth_revoked', 'rate_limited', 'transient'] as const)
      expect(bulkFailure(error(kind))).toBeUndefined();
    expect(bulkFailure(new Error('killed'))).toBeUndefined();
  });
});

describe('reading one page ahead', () => {
  it('a read failing while the page before it is stored fails the load, never as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      async function* pages() {
        yield 1;
        throw new Error('download failed');
      }
      const stored: number[] = [];
      const load = async () => {
        for await (const page of oneAhead(pages())) {
          // Storing takes a while: the read ahead fails meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 30));
          stored.push(page);
        }
      };
      await expect(load()).rejects.toThrow('download failed');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(stored).toEqual([1]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
