import { openApiDocumentResponse } from '@ch/contracts';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { send } from '../../http/send.ts';
import { openApiDocument } from './openapi-document.ts';

/** GET /api/v1/openapi.json: public, like any API reference; it holds no organization's data. */
export function getOpenApiDocument(_deps: Deps): RequestHandler {
  return (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    send(res, openApiDocumentResponse, openApiDocument());
  };
}
