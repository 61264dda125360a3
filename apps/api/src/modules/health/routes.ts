import { pendingMigrations } from '@ch/db';
import { Router } from 'express';
import type { Deps } from '../../deps.ts';

/** /healthz: the process is up. /readyz: it can serve (database reachable, schema current). */
export function healthRoutes({ db }: Deps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations_pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database_unreachable' });
    }
  });
  return router;
}
