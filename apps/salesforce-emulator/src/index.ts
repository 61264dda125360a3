import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorControl } from './control-client.ts';
import { Emulator } from './core/emulator.ts';
import { randomToken } from './core/random.ts';
import type { EmulatorSettings } from './core/settings.ts';
import { buildServer } from './http/server.ts';
import { openPersistent, type PersistOptions } from './persist/state-file.ts';
import type { PubSubEndpoint } from './pubsub/server.ts';

export { EmulatorControl, EmulatorControlError } from './control-client.ts';
export type * from './control-types.ts';
export { CONTROL_KEY_HEADER } from './http/server.ts';
export { DEFAULT_APP, DEFAULT_CALLBACK_URLS } from './oauth/apps.ts';
export { SEED_ORGS, SEED_PASSWORD } from './store/seed.ts';

export interface EmulatorOptions {
  /** 0 picks a free port; default 4010. */
  port?: number;
  /**
   * Port of the Pub/Sub gRPC server (TLS). Default: the HTTP port + 1 (4011 beside 4010), or a
   * free port when `port` is 0, so emulators started side by side never collide.
   */
  pubsubPort?: number;
  /** Interface to bind; default 127.0.0.1. A loopback host is published as `localhost`. */
  host?: string;
  /** Secret for the control API header `x-emulator-key`; random per start when omitted. */
  controlKey?: string;
  /** Callback URLs of the default connected app (exact match). */
  callbackUrls?: string[];
  /** 'seed' (default) loads the seed contacts/leads; 'none' keeps orgs, users and app only. */
  records?: 'seed' | 'none';
  /** The default connected app returns a new refresh token on every refresh. */
  rotateRefreshTokens?: boolean;
  /** Timing and limit settings (code TTL, retention, CometD timeouts, API quota ...). */
  settings?: Partial<EmulatorSettings>;
  /**
   * Keep the state in `<dir>/state.json` across restarts (the product's main run). Off by
   * default: tests start empty.
   */
  persist?: PersistOptions;
}

export type { PersistLog, PersistOptions } from './persist/state-file.ts';
export type { PubSubEndpoint } from './pubsub/server.ts';

export interface RunningEmulator {
  url: string;
  port: number;
  controlKey: string;
  control: EmulatorControl;
  /** The Pub/Sub API: `endpoint` (`localhost:port`), `port` and the certificate generated at start. */
  pubsub: PubSubEndpoint;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

/** Starts the emulator over real HTTP; `close()` ends long-polls and timers so processes exit. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const controlKey = options.controlKey ?? randomToken(24);
  const create = () =>
    new Emulator({
      ...(options.callbackUrls ? { callbackUrls: options.callbackUrls } : {}),
      ...(options.records ? { records: options.records } : {}),
      ...(options.rotateRefreshTokens !== undefined
        ? { rotateRefreshTokens: options.rotateRefreshTokens }
        : {}),
      ...(options.settings ? { settings: options.settings } : {}),
    });
  const { emu, persister } = options.persist
    ? await openPersistent(create, options.persist)
    : { emu: create(), persister: undefined };
  const { server, hub, pubsub } = buildServer(emu, controlKey);
  if (persister) {
    // Anything but a read may have changed the state; reads that do (quota, expiry) are caught
    // by the interval write.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => persister.changed());
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  }).catch(async (error: unknown) => {
    // Port taken (perhaps by another emulator on the same state): stop the timers, write nothing new.
    await persister?.close();
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const pubsubPort = options.pubsubPort ?? ((options.port ?? 4010) === 0 ? 0 : port + 1);
  const pubsubEndpoint = await pubsub.listen(pubsubPort, host).catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    hub.close();
    await persister?.close();
    throw error;
  });
  // Browsers treat localhost and 127.0.0.1 as different sites: publish the name the app uses.
  const publicHost = LOOPBACK.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${publicHost}:${port}`;
  emu.publicUrl = url;
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    controlKey,
    control: new EmulatorControl({ baseUrl: url, controlKey }),
    pubsub: pubsubEndpoint,
    close() {
      closed ??= new Promise<void>((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      })
        .then(() => pubsub.close())
        .then(() => persister?.close());
      return closed;
    },
  };
}
