import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../http/app-error.ts';

/**
 * GET /metrics in Prometheus text format. With METRICS_TOKEN set it needs that bearer token;
 * without one it is served outside production only (it tells how many syncs fail, and how).
 */
export function getMetrics({ env, metrics }: Deps): RequestHandler {
  const expected = env.METRICS_TOKEN ? Buffer.from(`Bearer ${env.METRICS_TOKEN}`) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('unauthenticated', 'Metrics need the METRICS_TOKEN bearer token.');
      }
    } else if (env.NODE_ENV === 'production') {
      throw new AppError('not_found', 'No such endpoint.');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
