import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { errorBody, healthResponse } from '@ch/contracts';
import type { z } from 'zod';
import { statusByCode } from '../../http/app-error.ts';

export interface EarlyListener {
  server: Server;
  /** Hands every request from now on to the app (boot is done). */
  serve(app: RequestListener): void;
}

/** Seconds a client is asked to wait before trying again while boot runs. */
const RETRY_AFTER_S = 5;

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The HTTP listener, opened first thing in boot so that a liveness probe gets its answer while
 * the slow steps run (starting PostgreSQL, migrations that may take minutes): killing the process
 * mid-migration would only start it over. Until `serve` is called, /healthz answers 200 (the
 * process is alive); /api paths answer 503 in the API's one error shape (`unavailable`), so an
 * API client reads its error as it reads every other; everything else 503 `starting` (/readyz is
 * not ready). No request reaches the app before the schema it needs is in place.
 */
export async function listenEarly(port: number, host: string): Promise<EarlyListener> {
  let handler: RequestListener = (req, res) => {
    const path = req.url?.split('?')[0] ?? '';
    if (req.method === 'GET' && path === '/healthz') {
      answer(res, 200, { status: 'ok' } satisfies z.infer<typeof healthResponse>);
    } else if (path === '/api' || path.startsWith('/api/')) {
      const body: z.infer<typeof errorBody> = {
        error: { code: 'unavailable', message: 'The server is starting. Try again in a few seconds.' },
      };
      answer(res, statusByCode.unavailable, body, { 'retry-after': String(RETRY_AFTER_S) });
    } else {
      answer(res, 503, { status: 'starting' } satisfies z.infer<typeof healthResponse>, {
        'retry-after': String(RETRY_AFTER_S),
      });
    }
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
