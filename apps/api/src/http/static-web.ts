import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Serves the built SPA; any other GET outside /api gets index.html for client-side routes. */
export function staticWeb(webDist: string): Router {
  const router = express.Router();
  const index = path.join(webDist, 'index.html');
  router.use(express.static(webDist, { index: false, maxAge: '1h' }));
  router.get(/^(?!\/api\/|\/api$).*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text').send('The web app is not built: run `pnpm --filter @ch/web build`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
