import type { AddressInfo } from 'node:net';
import { errorBody } from '@ch/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EarlyListener, listenEarly } from './early-listener.ts';

let listener: EarlyListener;
let base: string;
beforeAll(async () => {
  listener = await listenEarly(0, '127.0.0.1');
  base = `http://127.0.0.1:${(listener.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => listener.server.close(() => resolve())));

async function call(path: string, init?: RequestInit) {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('the early listener (during boot)', () => {
  it('answers /healthz 200: the process is alive', async () => {
    expect(await call('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers /readyz and the web app 503 starting', async () => {
    for (const path of ['/readyz', '/', '/integrations']) {
      expect(await call(path)).toEqual({ status: 503, retryAfter: '5', body: { status: 'starting' } });
    }
  });

  it('answers /api paths 503 in the error shape, whatever the method', async () => {
    const requests: [string, RequestInit?][] = [
      ['/api/auth/me'],
      ['/api/v1/data-sources?limit=5'],
      ['/api'],
      ['/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ];
    for (const [path, init] of requests) {
      const res = await call(path, init);
      expect(res).toEqual({
        status: 503,
        retryAfter: '5',
        body: {
          error: { code: 'unavailable', message: 'The server is starting. Try again in a few seconds.' },
        },
      });
      expect(errorBody.safeParse(res.body).success).toBe(true);
    }
  });

  it('hands every request to the app once served', async () => {
    listener.serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"served":true}');
    });
    expect(await call('/api/auth/me')).toMatchObject({ status: 200, body: { served: true } });
    expect(await call('/healthz')).toMatchObject({ status: 200, body: { served: true } });
  });
});
