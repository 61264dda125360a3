import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

/** Salesforce's published pubsub_api.proto, unchanged (the emulator serves the same file). */
export const PUBSUB_PROTO = path.join(import.meta.dirname, '../../proto/pubsub_api.proto');

/** Where the Pub/Sub API listens, and how to trust it. */
export interface PubSubEndpoint {
  /** host:port, e.g. api.pubsub.salesforce.com:7443. */
  endpoint: string;
  /** PEM of a certificate to trust besides the system's (the emulator's self-signed one). */
  ca?: string;
}

type Unary<Req, Res> = (
  req: Req,
  metadata: grpc.Metadata,
  callback: (error: grpc.ServiceError | null, res?: Res) => void,
) => grpc.ClientUnaryCall;

export interface FetchRequest {
  topic_name?: string;
  replay_preset?: 'LATEST' | 'EARLIEST' | 'CUSTOM';
  replay_id?: Uint8Array;
  num_requested: number;
}

export interface FetchResponse {
  events: { event: { schema_id: string; payload: Buffer }; replay_id: Buffer }[];
  latest_replay_id: Buffer;
  pending_num_requested: number;
}

/** The eventbus.v1.PubSub stub, typed for the calls we make. */
export interface PubSubStub extends grpc.Client {
  GetTopic: Unary<{ topic_name: string }, { topic_name: string; schema_id: string; can_subscribe: boolean }>;
  GetSchema: Unary<{ schema_id: string }, { schema_id: string; schema_json: string }>;
  Subscribe(metadata: grpc.Metadata): grpc.ClientDuplexStream<FetchRequest, FetchResponse>;
}

// Pings every 5 minutes (what a gRPC server accepts by default without calling it abuse), so a
// connection that died silently is noticed even between Salesforce's own 270 s keepalive responses.
const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 300_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.keepalive_permit_without_calls': 1,
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
};

let Service: grpc.ServiceClientConstructor | undefined;
const stubs = new Map<string, PubSubStub>();

/**
 * The one stub (so one gRPC channel, one HTTP/2 connection) per endpoint in this process: every
 * subscription the worker holds is a stream on it, whatever org it belongs to (auth is per call).
 */
export function pubSubStub({ endpoint, ca }: PubSubEndpoint): PubSubStub {
  const key = `${endpoint}\n${ca ?? ''}`;
  const existing = stubs.get(key);
  if (existing) return existing;
  Service ??= (() => {
    const definition = protoLoader.loadSync(PUBSUB_PROTO, {
      keepCase: true,
      enums: String,
      longs: Number,
      defaults: true,
    });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } };
    };
    return pkg.eventbus.v1.PubSub;
  })();
  const credentials = grpc.credentials.createSsl(ca ? Buffer.from(ca) : null);
  const stub = new Service(endpoint, credentials, CHANNEL_OPTIONS) as unknown as PubSubStub;
  stubs.set(key, stub);
  return stub;
}

/** Closes every channel (tests and benchmarks that start and stop servers). */
export function closePubSubChannels(): void {
  for (const stub of stubs.values()) stub.close();
  stubs.clear();
}

/** Open HTTP/2 channels right now: for the benchmark's "connections open". */
export function openPubSubChannels(): number {
  return stubs.size;
}
