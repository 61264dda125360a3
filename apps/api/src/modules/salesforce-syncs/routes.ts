import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { deleteSync } from './delete-sync.ts';
import { getSyncs } from './get-syncs.ts';
import { patchSync } from './patch-sync.ts';
import { postSync } from './post-sync.ts';
import { postSyncRetry } from './post-sync-retry.ts';
import { postSyncTest } from './post-sync-test.ts';

/** Mounted under /api/integrations/salesforce/syncs, behind the integrations router's guards. */
export function salesforceSyncsRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/', getSyncs(deps));
  router.post('/', postSync(deps));
  router.patch('/:object', patchSync(deps));
  router.delete('/:object', deleteSync(deps));
  router.post('/:object/test', postSyncTest(deps));
  router.post('/:object/retry', postSyncRetry(deps));
  return router;
}
