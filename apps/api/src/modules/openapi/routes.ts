import { Router } from 'express';
import { getDocsPage } from './get-docs-page.ts';

/** Under /api: the human-readable reference of /api/v1 (the document itself is served by v1). */
export function apiDocsRoutes(): Router {
  const router = Router();
  router.get('/docs', getDocsPage());
  return router;
}
