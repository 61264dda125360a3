import {
  type ClientDuplexStream,
  credentials,
  loadPackageDefinition,
  Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { PUBSUB_PROTO_PATH } from '../pubsub/proto.ts';
import { connectAs, startTestEmulator } from './support.ts';

// A plain grpc-js client on the published proto (as the product builds its own), trusting the
// certificate the emulator generated instead of skipping the check.
type Callback = (err: ServiceError | null, res?: Record<string, unknown>) => void;
export type RawClient = Record<string, (req: object, md: Metadata, cb: Callback) => void> & {
  Subscribe(md: Metadata): ClientDuplexStream<object, FetchResponse>;
  close(): void;
};

export interface FetchResponse {
  events?: { event: { id: string; schemaId: string; payload: Buffer }; replayId: Buffer }[];
  latestReplayId: Buffer;
  rpcId: string;
  pendingNumRequested: number;
}

export function rawClient(emu: RunningEmulator): RawClient {
  const definition = loadSync(PUBSUB_PROTO_PATH, { enums: String, longs: Number, defaults: true });
  const root = loadPackageDefinition(definition) as unknown as {
    eventbus: { v1: { PubSub: new (address: string, creds: unknown) => RawClient } };
  };
  return new root.eventbus.v1.PubSub(
    emu.pubsub.endpoint,
    credentials.createSsl(Buffer.from(emu.pubsub.certificate)),
  );
}

export function session(conn: Connection, overrides: Record<string, string> = {}): Metadata {
  const md = new Metadata();
  const values = {
    accesstoken: conn.accessToken ?? '',
    instanceurl: conn.instanceUrl ?? '',
    tenantid: conn.userInfo?.organizationId ?? '',
    ...overrides,
  };
  for (const [k, v] of Object.entries(values)) if (v) md.set(k, v);
  return md;
}

export function unary(
  client: RawClient,
  method: string,
  req: object,
  md: Metadata,
): Promise<{ res?: Record<string, unknown>; err?: ServiceError }> {
  return new Promise((resolve) =>
    client[method]?.(req, md, (err, res) => resolve(err ? { err } : res ? { res } : {})),
  );
}

export interface RawStream {
  call: ClientDuplexStream<object, FetchResponse>;
  responses: FetchResponse[];
  error: ServiceError | undefined;
}

export function subscribeRaw(client: RawClient, md: Metadata, first: object): RawStream {
  const call = client.Subscribe(md);
  const stream: RawStream = { call, responses: [], error: undefined };
  call.on('data', (r: FetchResponse) => stream.responses.push(r));
  call.on('error', (e: ServiceError) => {
    stream.error = e;
  });
  call.write(first);
  return stream;
}

export const replayIdOf = (bytes: Buffer): number => Number(bytes.readBigUInt64BE());
export const trailer = (err: ServiceError | undefined, key: string): unknown => err?.metadata.get(key)[0];

/** Polls an asynchronous check (the control API) until it holds. */
export async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('until timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface RawHarness {
  emu: RunningEmulator;
  conn: Connection;
  client: RawClient;
  /** Opens a Subscribe call (cancelled after the test) and sends its first FetchRequest. */
  open(first: object, opts?: { md?: Metadata; on?: RawClient }): RawStream;
}

/** An emulator (no records), a session and a client for a test file; streams end after each test. */
export function rawHarness(cleanup?: (h: RawHarness) => Promise<void>): RawHarness {
  const streams: RawStream[] = [];
  const h = {
    open(first, opts = {}) {
      const s = subscribeRaw(opts.on ?? h.client, opts.md ?? session(h.conn), first);
      streams.push(s);
      return s;
    },
  } as RawHarness;
  beforeAll(async () => {
    h.emu = await startTestEmulator({ records: 'none' });
    h.conn = await connectAs(h.emu);
    h.client = rawClient(h.emu);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.call.cancel();
    await h.emu.control.clearFaults();
    await cleanup?.(h);
  });
  afterAll(async () => {
    h.client.close();
    await h.emu.close();
  });
  return h;
}
