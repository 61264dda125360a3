import type { RetryPolicy, SalesforceClient } from '@ch/salesforce';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';
import { NotConnectedError } from '../../salesforce/failure-policy.ts';
import { withSalesforce } from '../../salesforce/with-salesforce.ts';

/**
 * withSalesforce for a request someone waits on: no usable connection answers 409 with the words
 * the admin acts on (Set up, or Reset Token). Salesforce's own failures pass through unchanged.
 */
export async function withSalesforceForRequest<T>(
  deps: Deps,
  organizationId: string,
  work: (client: SalesforceClient) => Promise<T>,
  options: { retry?: Partial<RetryPolicy> } = {},
): Promise<T> {
  try {
    return await withSalesforce(deps, organizationId, work, options);
  } catch (error) {
    if (error instanceof NotConnectedError) throw new AppError('conflict', error.message);
    throw error;
  }
}
