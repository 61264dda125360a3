import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Deps } from './deps.ts';
import { apiNotFound, errorMiddleware } from './http/error-middleware.ts';
import { sameOrigin } from './http/same-origin.ts';
import { securityHeaders } from './http/security-headers.ts';
import { staticWeb } from './http/static-web.ts';
import { apiKeysRoutes } from './modules/api-keys/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { loadSession } from './modules/auth/sessions.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { integrationsRoutes } from './modules/integrations/routes.ts';
import { getMetrics } from './modules/metrics/get-metrics.ts';
import { oauthTokensRoutes } from './modules/oauth-tokens/routes.ts';
import { apiDocsRoutes } from './modules/openapi/routes.ts';
import { v1Routes } from './modules/openapi/v1-routes.ts';
import { supportRoutes } from './modules/support/routes.ts';

/** The HTTP app, without listening: main.ts serves it, tests drive it with supertest. */
export function createApp(deps: Deps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.env.TRUST_PROXY > 0) app.set('trust proxy', deps.env.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // One compact line per request; the full headers add noise and risk.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(securityHeaders);
  app.use(healthRoutes(deps));
  app.get('/metrics', getMetrics(deps));

  // Before /api: bearer API keys only, so neither the cookie session nor the same-origin rule
  // below applies; the error middleware at the end still renders its errors.
  app.use('/api/v1', v1Routes(deps));

  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(sameOrigin([deps.env.appOrigin]));
  api.use(loadSession(deps));
  api.use('/auth', authRoutes(deps));
  api.use('/support', supportRoutes(deps));
  api.use('/integrations', integrationsRoutes(deps));
  api.use('/oauth-tokens', oauthTokensRoutes(deps));
  api.use('/api-keys', apiKeysRoutes(deps));
  api.use(apiDocsRoutes());
  api.use(apiNotFound);
  app.use('/api', api);

  app.use(staticWeb(deps.env.webDist));
  app.use(errorMiddleware);
  return app;
}
