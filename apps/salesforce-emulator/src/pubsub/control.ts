import { readBody, sendJson } from '../http/respond.ts';
import type { Router } from '../http/router.ts';
import type { PubSubServer } from './server.ts';

/** Control API for the Pub/Sub server: the drop-streams fault and how many streams are open. */
export function registerPubSubControl(router: Router, pubsub: PubSubServer, prefix: string): void {
  router.on('POST', `${prefix}/faults/pubsub-drop`, async (ctx) => {
    await readBody(ctx.req);
    sendJson(ctx.res, 200, { dropped: pubsub.dropAll() });
  });
  router.on('GET', `${prefix}/pubsub/streams`, (ctx) => sendJson(ctx.res, 200, { open: pubsub.size }));
}
