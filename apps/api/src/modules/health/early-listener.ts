import { createServer, type RequestListener, type Server } from 'node:http';
import type { healthResponse } from '@ch/contracts';
import type { z } from 'zod';

export interface EarlyListener {
  server: Server;
  /** Hands every request from now on to the app (boot is done). */
  serve(app: RequestListener): void;
}

/**
 * The HTTP listener, opened first thing in boot so that a liveness probe gets its answer while
 * the slow steps run (starting PostgreSQL, migrations that may take minutes): killing the process
 * mid-migration would only start it over. Until `serve` is called, /healthz answers 200 (the
 * process is alive) and everything else 503 `starting`: /readyz is not ready, and no request
 * reaches the app before the schema it needs is in place.
 */
export async function listenEarly(port: number, host: string): Promise<EarlyListener> {
  let handler: RequestListener = (req, res) => {
    const live = req.method === 'GET' && req.url?.split('?')[0] === '/healthz';
    const body: z.infer<typeof healthResponse> = { status: live ? 'ok' : 'starting' };
    res.writeHead(live ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => handler(req, res));
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  return {
    server,
    serve(app) {
      handler = app;
    },
  };
}
