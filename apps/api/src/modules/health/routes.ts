import { healthResponse } from '@ch/contracts';
import { pendingMigrations } from '@ch/db';
import { Router } from 'express';
import type { Deps } from '../../deps.ts';
import { send } from '../../http/send.ts';

/** /healthz: the process is up. /readyz: it can serve (database reachable, schema current). */
export function healthRoutes({ db }: Deps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    send(res, healthResponse, { status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        send(res, healthResponse, { status: 'migrations_pending', pending }, 503);
        return;
      }
      send(res, healthResponse, { status: 'ready' });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      send(res, healthResponse, { status: 'database_unreachable' }, 503);
    }
  });
  return router;
}
