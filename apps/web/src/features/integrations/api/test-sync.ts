import { type SyncObject, syncTestResponse } from '@ch/contracts';
import { apiRequest } from '../../../lib/api-client.ts';
import { syncPath } from './get-syncs.ts';

/** A failed check is a result (ok false, with the reason), not an error. See run-sync-test.ts. */
export const testSync = (object: SyncObject) =>
  apiRequest(`${syncPath(object)}/test`, { method: 'POST', schema: syncTestResponse });
