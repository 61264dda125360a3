import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { registerBulkControl } from '../bulk/control.ts';
import { registerBulkQuery } from '../bulk/routes.ts';
import { registerEventSchema } from '../cdc/event-schema.ts';
import { CometdHub } from '../cometd/hub.ts';
import { registerCometd } from '../cometd/routes.ts';
import { registerControlAdmin } from '../control/admin.ts';
import { registerControlRecords } from '../control/records.ts';
import type { Emulator } from '../core/emulator.ts';
import { registerAuthorize } from '../oauth/authorize.ts';
import { registerIdentity } from '../oauth/identity.ts';
import { registerToken } from '../oauth/token.ts';
import { registerPubSubControl } from '../pubsub/control.ts';
import { PubSubServer } from '../pubsub/server.ts';
import { registerCollections } from '../rest/collections.ts';
import { registerComposite } from '../rest/composite.ts';
import { registerMeta } from '../rest/meta.ts';
import { registerQuery } from '../rest/query.ts';
import { registerSObjects } from '../rest/sobjects.ts';
import { HttpError, sendJson } from './respond.ts';
import { Router } from './router.ts';

export const CONTROL_PREFIX = '/__emulator';
export const CONTROL_KEY_HEADER = 'x-emulator-key';

function keyMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Builds the HTTP server (one router for OAuth, REST, CometD and the control API) and the Pub/Sub
 * gRPC server beside it, which the caller binds to its own port.
 */
export function buildServer(
  emu: Emulator,
  controlKey: string,
): { server: Server; hub: CometdHub; pubsub: PubSubServer } {
  const router = new Router();
  const control = new Router();
  const hub = new CometdHub(emu);
  const pubsub = new PubSubServer(emu);
  registerAuthorize(router, emu);
  registerToken(router, emu);
  registerIdentity(router, emu);
  registerMeta(router, emu);
  registerQuery(router, emu);
  registerBulkQuery(router, emu);
  registerEventSchema(router, emu);
  registerSObjects(router, emu);
  registerComposite(router, emu);
  registerCollections(router, emu);
  registerCometd(router, hub);
  registerControlRecords(control, emu, CONTROL_PREFIX);
  registerControlAdmin(control, emu, hub, CONTROL_PREFIX);
  registerBulkControl(control, emu, CONTROL_PREFIX);
  registerPubSubControl(control, pubsub, CONTROL_PREFIX);

  const dispatch = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', emu.publicUrl);
    const method = req.method ?? 'GET';
    const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
    if (isControl && !keyMatches(req.headers[CONTROL_KEY_HEADER], controlKey)) {
      return sendJson(res, 401, { error: `missing or wrong ${CONTROL_KEY_HEADER} header` });
    }
    const match = (isControl ? control : router).match(method, url.pathname);
    if (match === undefined)
      return sendJson(res, 404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] },
      ]);
    if (match === 'method') {
      return sendJson(res, 405, [
        {
          errorCode: 'METHOD_NOT_ALLOWED',
          message: `HTTP Method '${method}' not allowed. Allowed are GET,POST`,
          fields: [],
        },
      ]);
    }
    await match.handler({ req, res, url, params: match.params });
  };

  const server = createServer({ keepAliveTimeout: 120_000, requestTimeout: 0 }, (req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof HttpError) return sendJson(res, err.status, err.body);
      console.error('[salesforce-emulator] unhandled error', err);
      sendJson(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(err), fields: [] }]);
    });
  });
  server.headersTimeout = 60_000;
  // No WebSocket transport: refuse upgrades with 404 so Bayeux clients fall back to long-polling.
  server.on('upgrade', (_req, socket) => {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  return { server, hub, pubsub };
}
