import type { BulkJobView } from '../control-types.ts';
import { RecordsControl } from './records.ts';
import type { OrgRef } from './transport.ts';

/** Bulk API 2.0: the query jobs an org ran, and making its next ones fail. */
export class BulkControl extends RecordsControl {
  /** The org's Bulk API 2.0 query jobs, read without spending its API calls. */
  async bulkJobs(org: OrgRef): Promise<BulkJobView[]> {
    return (await this.call<{ jobs: BulkJobView[] }>('GET', this.orgPath(org, '/bulk/jobs'))).jobs;
  }

  /** The org's next `count` Bulk query jobs end Failed instead of JobComplete. */
  async failNextBulkJobs(org: OrgRef, count = 1): Promise<void> {
    await this.call('POST', this.orgPath(org, '/bulk/fail-next'), { count });
  }
}
