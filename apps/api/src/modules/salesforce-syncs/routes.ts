import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { createSync } from './create-sync.ts';
import { deleteFieldWarnings } from './delete-field-warnings.ts';
import { deleteSync } from './delete-sync.ts';
import { listSyncFields } from './list-sync-fields.ts';
import { listSyncs } from './list-syncs.ts';
import { retrySync } from './retry-sync.ts';
import { testSync } from './test-sync.ts';
import { updateSync } from './update-sync.ts';

/** Mounted under /api/integrations/salesforce/syncs, behind the integrations router's guards. */
export function salesforceSyncsRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/', listSyncs(deps));
  router.post('/', createSync(deps));
  router.patch('/:object', updateSync(deps));
  router.delete('/:object', deleteSync(deps));
  router.get('/:object/fields', listSyncFields(deps));
  router.delete('/:object/field-warnings', deleteFieldWarnings(deps));
  router.post('/:object/test', testSync(deps));
  router.post('/:object/retry', retrySync(deps));
  return router;
}
