import type { RequestHandler } from 'express';
import { DOCS_SCRIPT } from './docs-script.ts';
import { DOCS_STYLE } from './docs-style.ts';

/** GET /api/docs/reference.js and /api/docs/reference.css: the page's script and styles. */
export function getDocsAsset(kind: 'script' | 'style'): RequestHandler {
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    if (kind === 'script') res.type('text/javascript').send(DOCS_SCRIPT);
    else res.type('text/css').send(DOCS_STYLE);
  };
}
