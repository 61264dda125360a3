import type { SyncObject, TestSyncResponse } from '@ch/contracts';
import type { SyncMethod } from '@ch/db';
import { isSalesforceError, type OrgEdition, type SalesforceClient } from '@ch/salesforce';

/**
 * What Test checks, in order: Salesforce answers and the object can be read (describe and a
 * count); for CDC, that the org's edition has Change Data Capture and that it is selected for the
 * object. The result is one sentence saying what was checked and what to do when it failed.
 */
export async function checkSync(
  client: SalesforceClient,
  object: SyncObject,
  method: SyncMethod | null,
): Promise<TestSyncResponse> {
  const describe = await client.describe(object);
  if (!describe.queryable) {
    return fail(
      `${object} cannot be read by the connected Salesforce user: give the user read access to ${object}, then test again.`,
    );
  }
  const records = await client.count(object);
  const readable = `Salesforce is reachable and ${object} can be read (${records.toLocaleString('en-US')} records)`;
  if (method === null) return pass(`${readable}. Choose a sync method to finish setting up this sync.`);
  if (method === 'REST') return pass(`${readable}, so REST Polling will work.`);
  const { edition, selected } = await cdcAvailability(client, object);
  if (!edition.supportsCdc) {
    return fail(
      `${readable}, but Change Data Capture is not available in ${edition.organizationType}: it needs Enterprise, Unlimited, Performance or Developer Edition. Use REST Polling instead.`,
    );
  }
  if (!selected) {
    return fail(
      `${readable}, but Change Data Capture is not enabled for ${object}: in Salesforce, select ${object} under Setup, Change Data Capture, then test again.`,
    );
  }
  return pass(`${readable}, and Change Data Capture is enabled for ${object}, so real-time sync will work.`);
}

/** Whether the org can deliver change events for the object: a CDC edition, and the object selected. */
export async function cdcAvailability(
  client: SalesforceClient,
  object: SyncObject,
): Promise<{ edition: OrgEdition; selected: boolean }> {
  const edition = await client.getEdition();
  // An edition without CDC has no selection to read (and may not know the Tooling entity at all).
  if (!edition.supportsCdc) return { edition, selected: false };
  return { edition, selected: (await client.getCdcSelectedObjects()).includes(object) };
}

/** A Salesforce failure during Test, as the sentence the admin reads. */
export function describeFailure(error: unknown, object: SyncObject): TestSyncResponse | undefined {
  if (!isSalesforceError(error)) return undefined;
  switch (error.kind) {
    case 'auth_revoked':
    case 'auth_expired':
      return fail(
        'Salesforce refused the stored token: click Reset Token and sign in again, then test again.',
      );
    case 'rate_limited':
      return fail("Salesforce's daily API request limit is used up: test again when it resets.");
    case 'not_found':
    case 'invalid_query':
      return fail(
        `${object} cannot be read in this Salesforce org: check the connected user's access to ${object}.`,
      );
    default:
      return fail('Salesforce could not be reached: test again in a few minutes.');
  }
}

const pass = (message: string): TestSyncResponse => ({ ok: true, message });
const fail = (message: string): TestSyncResponse => ({ ok: false, message });
