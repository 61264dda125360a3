import type { Express } from 'express';

export interface ListedRoute {
  method: string;
  /** Express-style, with the mount prefixes joined: `/api/v1/data-sources/:id`. */
  path: string;
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

const join = (prefix: string, path: string) =>
  `${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function walk(stack: Layer[], prefix: string, out: ListedRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      // A RegExp path (the SPA fallback) is no endpoint with a shape to probe.
      if (typeof layer.route.path !== 'string') continue;
      for (const [method, on] of Object.entries(layer.route.methods))
        if (on && method !== '_all') out.push({ method, path: join(prefix, layer.route.path) });
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, typeof layer.rawPath === 'string' ? join(prefix, layer.rawPath) : prefix, out);
    }
  }
}

/**
 * Every route the app mounts, read from Express's own router (router 2's layers keep `rawPath`),
 * so a test that goes over them covers a route added later without being told.
 */
export function listRoutes(app: Express): ListedRoute[] {
  const out: ListedRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', out);
  return out;
}
