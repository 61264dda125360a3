import { Client } from 'jsforce/lib/api/streaming.js';

/** The parts of a Bayeux message we look at. */
export interface BayeuxMessage {
  channel: string;
  successful?: boolean;
  error?: string;
  subscription?: string;
  advice?: { reconnect?: string };
  ext?: Record<string, unknown> & { sfdc?: { failureReason?: string } };
  data?: unknown;
}

type Next = (message: BayeuxMessage | null) => void;

export interface FayeExtension {
  incoming?(message: BayeuxMessage, next: Next): void;
  outgoing?(message: BayeuxMessage, next: Next): void;
}

/** The slice of faye's Client we use (jsforce's bundled typings declare only part of it). */
interface FayeClient {
  subscribe(channel: string, listener: (data: unknown) => void): PromiseLike<void>;
  addExtension(extension: FayeExtension): void;
  setHeader(name: string, value: string): void;
  disable(feature: string): void;
  _dispatcher?: {
    clientId?: string | null;
    selectTransport?(type: string): void;
    _transport?: { batching: boolean };
    _envelopes?: Map<unknown, { request?: PromiseLike<unknown>; timer?: unknown }>;
  };
}

export interface CometdConnection {
  subscribe(channel: string, listener: (data: unknown) => void): void;
  /** Stops all traffic and timers at once; says goodbye to the server with one bounded request. */
  destroy(): void;
}

export interface CometdOptions {
  instanceUrl: string;
  version: string;
  accessToken: string;
  /** Must drop every message once the connection is destroyed (see subscribe-changes.ts). */
  extensions: FayeExtension[];
  /** Seconds faye waits before retrying after a network error (its default of 5 is slow to recover). */
  retrySeconds?: number;
}

const DISCONNECT_TIMEOUT_MS = 2_000;

/**
 * Built like jsforce's Streaming#createClient (same endpoint, header, long-polling, no batching),
 * but here so we can pass faye options, skip the WebSocket probe Salesforce never answers, and
 * tear the client down completely: faye's own disconnect() leaves the held long-poll and its
 * timers running, and retries the disconnect forever when the server is unreachable, which keeps
 * a process alive after close().
 */
export function openCometd(options: CometdOptions): CometdConnection {
  const endpoint = `${options.instanceUrl}/cometd/${options.version}`;
  const FayeCtor = Client as unknown as new (url: string, opts: object) => FayeClient;
  const client = new FayeCtor(endpoint, { retry: options.retrySeconds ?? 2 });
  client.disable('websocket');
  client.setHeader('Authorization', `OAuth ${options.accessToken}`);
  for (const extension of options.extensions) client.addExtension(extension);
  const dispatcher = client._dispatcher;
  dispatcher?.selectTransport?.('long-polling');
  if (dispatcher?._transport) dispatcher._transport.batching = false;

  return {
    subscribe(channel, listener) {
      client.subscribe(channel, listener);
    },
    destroy() {
      // Reaches into faye's dispatcher; every step is defensive.
      const envelopes = dispatcher?._envelopes;
      for (const [id, envelope] of envelopes ?? []) {
        if (envelope.timer) clearTimeout(envelope.timer as NodeJS.Timeout);
        void Promise.resolve(envelope.request).then((req) =>
          (req as { destroy?: () => void } | undefined)?.destroy?.(),
        );
        envelopes?.delete(id);
      }
      const clientId = dispatcher?.clientId;
      if (!clientId) return;
      // One attempt, bounded: the server forgets silent clients after ~40 s anyway.
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `OAuth ${options.accessToken}` },
        body: JSON.stringify([{ channel: '/meta/disconnect', clientId }]),
        signal: AbortSignal.timeout(DISCONNECT_TIMEOUT_MS),
      }).then(
        (res) => res.body?.cancel(),
        () => undefined,
      );
    },
  };
}
