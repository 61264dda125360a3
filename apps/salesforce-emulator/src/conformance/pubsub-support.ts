import type { Connection } from 'jsforce';
import PubSubApiClient from 'salesforce-pubsub-api-client';
import type { RunningEmulator } from '../index.ts';

// Helpers for the Pub/Sub conformance tests: the npm client `salesforce-pubsub-api-client`, which
// nobody here wrote, with user-supplied auth (the emulator's token, instance URL and org id) and
// the TLS check off for the certificate the emulator generates at start.
export const CONTACT_TOPIC = '/data/ContactChangeEvent';

export interface ParsedEvent {
  id: string;
  schemaId: string;
  replayId: number;
  payload: Record<string, unknown> & {
    ChangeEventHeader: {
      entityName: string;
      recordIds: string[];
      changeType: string;
      changedFields: string[];
      nulledFields: string[];
      diffFields: string[];
      commitTimestamp: bigint | number;
      [k: string]: unknown;
    };
  };
}

export interface GrpcFailure {
  code: number;
  details: string;
  metadata: { get(key: string): unknown[] };
}

export interface Received {
  events: ParsedEvent[];
  errors: GrpcFailure[];
  keepalives: number;
  ended: boolean;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A connected npm client for the session of `conn`. */
export async function pubSubClient(
  emu: RunningEmulator,
  conn: Connection,
  overrides: { accessToken?: string } = {},
): Promise<PubSubApiClient> {
  const client = new PubSubApiClient(
    {
      authType: 'user-supplied',
      accessToken: overrides.accessToken ?? conn.accessToken ?? '',
      // The client accepts https:// instance URLs only; the emulator compares host and port.
      instanceUrl: (conn.instanceUrl ?? emu.url).replace(/^http:/, 'https:'),
      organizationId: conn.userInfo?.organizationId ?? '',
      pubSubEndpoint: emu.pubsub.endpoint,
      rejectUnauthorizedSsl: false,
    },
    quiet,
  );
  await client.connect();
  return client;
}

/** A subscribe callback that keeps what arrives. */
export function collector(): { received: Received; callback: Parameters<PubSubApiClient['subscribe']>[1] } {
  const received: Received = { events: [], errors: [], keepalives: 0, ended: false };
  const callback = (_info: unknown, type: string, data?: unknown) => {
    if (type === 'event') received.events.push(data as ParsedEvent);
    else if (type === 'error') received.errors.push(data as GrpcFailure);
    else if (type === 'grpcKeepAlive') received.keepalives++;
    else if (type === 'end') received.ended = true;
  };
  return { received, callback };
}

export function errorCode(failure: GrpcFailure | undefined): unknown {
  return failure?.metadata.get('error-code')[0];
}

/**
 * Runs `subscribe` and waits until the emulator has set the new subscription up, so that changes
 * made next are seen by a LATEST subscription (subscribing is asynchronous in the client).
 */
export async function subscribed(emu: RunningEmulator, subscribe: () => void): Promise<void> {
  const before = await emu.control.pubSubStreams();
  subscribe();
  const deadline = Date.now() + 5000;
  while ((await emu.control.pubSubStreams()) <= before) {
    if (Date.now() > deadline) throw new Error('the subscription was not set up');
    await new Promise((r) => setTimeout(r, 10));
  }
}
