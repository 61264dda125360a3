import { readJson, sendJson } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import { bearerToken } from '../oauth/identity.ts';
import type { CometdHub } from './hub.ts';
import type { BayeuxMessage } from './messages.ts';

/** POST /cometd/NN.0 carries Bayeux; GET answers 404 so faye settles on long-polling. */
export function registerCometd(router: Router, hub: CometdHub): void {
  router.on('POST', '/cometd/:version', async ({ req, res }) => {
    const body = await readJson(req);
    const messages = (Array.isArray(body) ? body : [body]) as BayeuxMessage[];
    hub.handle(res, messages, bearerToken(req));
  });
  router.on('GET', '/cometd/:version', ({ res }) =>
    sendJson(res, 404, [{ errorCode: 'NOT_FOUND', message: 'Not Found', fields: [] }]),
  );
}
