import { Router } from 'express';
import { getDocsAsset } from './get-docs-asset.ts';
import { getDocsPage } from './get-docs-page.ts';

/** Under /api: the human-readable reference of /api/v1 (the document itself is served by v1). */
export function apiDocsRoutes(): Router {
  const router = Router();
  router.get('/docs', getDocsPage());
  router.get('/docs/reference.js', getDocsAsset('script'));
  router.get('/docs/reference.css', getDocsAsset('style'));
  return router;
}
