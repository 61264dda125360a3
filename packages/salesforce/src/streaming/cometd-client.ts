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
export interface CometdClient {
  subscribe(channel: string, listener: (data: unknown) => void): PromiseLike<void>;
  disconnect(): void;
  addExtension(extension: FayeExtension): void;
  setHeader(name: string, value: string): void;
  disable(feature: string): void;
  _dispatcher?: {
    selectTransport?(type: string): void;
    _transport?: { batching: boolean };
    _envelopes?: Map<unknown, { message: BayeuxMessage; request?: PromiseLike<unknown>; timer?: unknown }>;
  };
}

export interface CometdClientOptions {
  instanceUrl: string;
  version: string;
  accessToken: string;
  extensions: FayeExtension[];
  /** Seconds faye waits before retrying after a network error (its default of 5 is slow to recover). */
  retrySeconds?: number;
}

/**
 * Built like jsforce's Streaming#createClient (same endpoint, header, long-polling), but here so we
 * can pass faye options and disable the WebSocket probe: Salesforce only speaks long-polling.
 */
export function createCometdClient(options: CometdClientOptions): CometdClient {
  const endpoint = `${options.instanceUrl}/cometd/${options.version}`;
  const ClientCtor = Client as unknown as new (url: string, opts: object) => CometdClient;
  const client = new ClientCtor(endpoint, { retry: options.retrySeconds ?? 2 });
  client.disable('websocket');
  client.setHeader('Authorization', `OAuth ${options.accessToken}`);
  for (const extension of options.extensions) client.addExtension(extension);
  // As jsforce does: pin long-polling and send one message per request (Salesforce's CometD
  // server has been known to fail on batched messages).
  const dispatcher = client._dispatcher;
  dispatcher?.selectTransport?.('long-polling');
  if (dispatcher?._transport) dispatcher._transport.batching = false;
  return client;
}

/**
 * faye's disconnect() leaves the in-flight long-poll (held up to 110 s by the server) and its
 * timers running, which keeps a process alive after close(). Abort them too. This reaches into
 * faye's dispatcher, so every step is defensive.
 */
export function destroyCometdClient(client: CometdClient): void {
  try {
    client.disconnect();
  } catch {
    // not connected yet: nothing to say goodbye to
  }
  const envelopes = client._dispatcher?._envelopes;
  if (!envelopes) return;
  for (const [id, envelope] of envelopes) {
    const timer = envelope.timer as NodeJS.Timeout | undefined;
    if (envelope.message.channel === '/meta/disconnect') {
      timer?.unref?.();
      continue;
    }
    if (timer) clearTimeout(timer);
    void Promise.resolve(envelope.request).then((req) =>
      (req as { destroy?: () => void } | undefined)?.destroy?.(),
    );
    envelopes.delete(id);
  }
}
