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

/**
 * Subscribe streams one channel carries. Salesforce serves at most 100 concurrent streams on one
 * HTTP/2 connection (its Pub/Sub allocations; a 101st waits until one ends); the rest of the 100
 * leaves room for the GetTopic and GetSchema calls that open each subscription.
 */
export const STREAMS_PER_CHANNEL = 90;

let Service: grpc.ServiceClientConstructor | undefined;
interface Channel {
  stub: PubSubStub;
  streams: number;
}
const pools = new Map<string, Channel[]>();

function newStub({ endpoint, ca }: PubSubEndpoint): PubSubStub {
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
  return new Service(endpoint, credentials, CHANNEL_OPTIONS) as unknown as PubSubStub;
}

function poolOf(endpoint: PubSubEndpoint): Channel[] {
  const key = `${endpoint.endpoint}\n${endpoint.ca ?? ''}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = [{ stub: newStub(endpoint), streams: 0 }];
    pools.set(key, pool);
  }
  return pool;
}

/**
 * The stub for unary calls to an endpoint: the first of its channels. Every subscription of this
 * process is a stream on one of the endpoint's channels, whatever org it belongs to (auth is per
 * call), and a channel is added only per STREAMS_PER_CHANNEL subscriptions.
 */
export function pubSubStub(endpoint: PubSubEndpoint): PubSubStub {
  return (poolOf(endpoint)[0] as Channel).stub;
}

/** A Subscribe stream on the endpoint's first channel with room, a new channel when none has. */
export function openSubscribe(
  endpoint: PubSubEndpoint,
  metadata: grpc.Metadata,
): grpc.ClientDuplexStream<FetchRequest, FetchResponse> {
  const pool = poolOf(endpoint);
  let channel = pool.find((c) => c.streams < STREAMS_PER_CHANNEL);
  if (!channel) {
    channel = { stub: newStub(endpoint), streams: 0 };
    pool.push(channel);
  }
  const taken = channel;
  taken.streams += 1;
  const stream = taken.stub.Subscribe(metadata);
  let released = false;
  // Every call ends with exactly one status; 'close' covers a stream torn down without one.
  const release = () => {
    if (released) return;
    released = true;
    taken.streams -= 1;
  };
  stream.on('status', release);
  stream.on('close', release);
  return stream;
}

/** Closes every channel (tests and benchmarks that start and stop servers). */
export function closePubSubChannels(): void {
  for (const pool of pools.values()) for (const channel of pool) channel.stub.close();
  pools.clear();
}

/** Open HTTP/2 channels right now: for the benchmark's "connections open". */
export function openPubSubChannels(): number {
  let open = 0;
  for (const pool of pools.values()) open += pool.length;
  return open;
}
