import { type ApiOperation, type V1OperationId, v1Operations } from '@ch/contracts';
import express, { type RequestHandler, Router } from 'express';
import type { Deps } from '../../deps.ts';
import { authenticateApiKey, requireScope, touchApiKey } from '../../http/api-key-auth.ts';
import { apiNotFound } from '../../http/error-middleware.ts';
import { requireFeature } from '../../http/features.ts';
import { callActivityHandlers } from '../call-activities/routes.ts';
import { dataSourceHandlers } from '../data-sources/routes.ts';
import { getOpenApiDocument } from './get-openapi-document.ts';

// Every operation must have its handler: a missing one fails the typecheck, not a request.
const handlers: Record<V1OperationId, (deps: Deps) => RequestHandler> = {
  ...dataSourceHandlers,
  ...callActivityHandlers,
  getOpenApiDocument,
};

/**
 * /api/v1, the versioned API for service clients, built from the operation table in the contracts
 * (the same table the OpenAPI document is generated from). Mounted outside the /api router: no
 * cookie session and no same-origin rule here, only bearer API keys.
 */
export function v1Routes(deps: Deps): Router {
  const router = Router();
  router.use(express.json({ limit: '100kb' }));
  // /api/v1 is part of Integrations: while support has it off, it does not exist for the organization.
  const authenticate = [authenticateApiKey(deps), requireFeature('integrations'), touchApiKey(deps)];
  for (const [id, op] of Object.entries(v1Operations) as [V1OperationId, ApiOperation][]) {
    const guards = op.scope === null ? [] : [...authenticate, requireScope(op.scope)];
    router[op.method](op.path, ...guards, handlers[id](deps));
  }
  router.use(apiNotFound);
  return router;
}
