import grpc from '@grpc/grpc-js';
import { isSalesforceError, SalesforceError } from '../errors.ts';
import { toSalesforceError } from '../map-error.ts';
import { redact } from '../redact.ts';
import type { Session } from '../session.ts';
import { changeEventChannel } from '../streaming/failure.ts';
import type { ChangeSubscription } from '../streaming/subscribe-changes.ts';
import type { ChangeEvent } from '../types.ts';
import { type FetchResponse, openSubscribe, type PubSubEndpoint, pubSubStub } from './channel.ts';
import { decodeEvent, type EventSchema, parseSchema } from './decode-event.ts';
import { classifyGrpcError, isUnreachable, unreachable } from './failure.ts';

export interface PubSubSubscribeOptions extends PubSubEndpoint {
  /** sObject name, e.g. 'Contact'. */
  object: string;
  /** The org id (tenantid metadata). */
  tenantId: string;
  /** Resume after this stored replay id; without one, every retained event (EARLIEST). */
  replayId?: Uint8Array;
  /** Events requested at a time: at most this many wait in memory per subscription (Salesforce allows 100). */
  batchSize?: number;
  /**
   * Each batch in delivery order; more events are requested only once it settled, so a slow
   * consumer slows the stream. A rejection ends the subscription (reported through onError).
   */
  onBatch(events: ChangeEvent[]): Promise<void>;
  /** Always terminal: the subscription is closed. Resubscribe from your stored replay id (or resync). */
  onError(error: SalesforceError): void;
}

const BATCH = 100;
const CALL_TIMEOUT_MS = 15_000;
const MAX_AUTH_RETRIES = 2;
/** Dropped streams in a row (none delivering anything) before the session counts as failed. */
const MAX_DROPS = 5;

// Schema ids are fingerprints of the schema: one parse per id serves every org in this process.
const schemas = new Map<string, Promise<EventSchema>>();

/**
 * A replay id of our own. The decoded one is a view into the buffer the whole response arrived in
 * (protobufjs slices bytes fields; grpc-js hands over HTTP/2 read chunks or 8 KB pool slabs), so
 * keeping it as the position would keep that buffer alive for as long as the subscription lives:
 * a thousand idle subscriptions pinned megabytes of delivered events (decision 024).
 */
const own = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

/**
 * A change event subscription over the Pub/Sub API's Subscribe stream, on one of the process's
 * channels to the endpoint (channel.ts). Credits, not a timer, pace it: `batchSize` events are requested, and
 * each batch handled is requested again. A dropped stream or a refused token resubscribes from the
 * last handled event by itself; everything else ends the subscription.
 */
export function subscribePubSub(session: Session, options: PubSubSubscribeOptions): ChangeSubscription {
  const stub = pubSubStub(options);
  const topic = changeEventChannel(options.object);
  const batchSize = Math.min(options.batchSize ?? BATCH, BATCH);
  let position = options.replayId;
  let call: grpc.ClientDuplexStream<unknown, FetchResponse> | undefined;
  let closed = false;
  let subscribed = false;
  let authRetries = 0;
  let drops = 0;
  let queue: FetchResponse['events'] = [];
  let pumping: Promise<void> | undefined;
  let settleReady: { resolve(): void; reject(e: Error): void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = { resolve, reject };
  });
  ready.catch(() => undefined);

  const secrets = () => session.secrets();
  const metadata = () => {
    const m = new grpc.Metadata();
    m.set('accesstoken', session.conn.accessToken ?? '');
    m.set('instanceurl', session.conn.instanceUrl);
    m.set('tenantid', options.tenantId);
    return m;
  };
  const unary = <Req, Res>(method: 'GetTopic' | 'GetSchema', req: Req) =>
    new Promise<Res>((resolve, reject) => {
      const fn = stub[method] as unknown as (
        r: Req,
        m: grpc.Metadata,
        o: grpc.CallOptions,
        cb: (e: grpc.ServiceError | null, r?: Res) => void,
      ) => void;
      fn.call(stub, req, metadata(), { deadline: Date.now() + CALL_TIMEOUT_MS }, (e, r) =>
        e ? reject(e) : resolve(r!),
      );
    });
  const schema = (id: string) => {
    let found = schemas.get(id);
    if (!found) {
      found = unary<{ schema_id: string }, { schema_json: string }>('GetSchema', { schema_id: id }).then(
        (s) => parseSchema(s.schema_json),
      );
      found.catch(() => schemas.delete(id));
      schemas.set(id, found);
    }
    return found;
  };

  const fail = (error: unknown) => {
    if (closed) return;
    close();
    const failure = isSalesforceError(error)
      ? error
      : new SalesforceError('unknown', redact(`Pub/Sub API: ${(error as Error).message}`, secrets()));
    settleReady?.reject(failure);
    options.onError(failure);
  };

  const close = () => {
    closed = true;
    const open = call;
    call = undefined;
    open?.cancel();
  };

  /** Hands every queued event to the consumer, then gives the credits back. */
  const pump = async (from: grpc.ClientDuplexStream<unknown, FetchResponse>) => {
    while (queue.length > 0 && !closed && call === from) {
      const raw = queue;
      queue = [];
      const events: ChangeEvent[] = [];
      for (const item of raw) {
        const decoded = decodeEvent(await schema(item.event.schema_id), item.event.payload, item.replay_id);
        if (decoded) events.push(decoded);
      }
      if (closed || call !== from) return; // dropped meanwhile: these are delivered again
      await options.onBatch(events);
      position = own(raw.at(-1)!.replay_id);
      if (call === from) from.write({ num_requested: raw.length });
    }
  };

  const onResponse = (from: grpc.ClientDuplexStream<unknown, FetchResponse>, res: FetchResponse) => {
    drops = 0;
    authRetries = 0;
    if (res.events.length === 0) {
      // A keepalive: everything before the latest id was handled, so a resubscribe may start there.
      if (!pumping && queue.length === 0 && res.latest_replay_id.length > 0)
        position = own(res.latest_replay_id);
      return;
    }
    queue.push(...res.events);
    pumping ??= pump(from)
      .catch(fail)
      .finally(() => {
        pumping = undefined;
      });
  };

  const open = async () => {
    const info = await unary<{ topic_name: string }, { schema_id: string; can_subscribe: boolean }>(
      'GetTopic',
      {
        topic_name: topic,
      },
    );
    if (!info.can_subscribe)
      throw new SalesforceError('cdc_unavailable', `Pub/Sub API: cannot subscribe to ${topic}`);
    await schema(info.schema_id);
    await pumping; // a batch in hand commits before the position is read
    if (closed) return;
    const stream = openSubscribe(options, metadata()) as unknown as grpc.ClientDuplexStream<
      unknown,
      FetchResponse
    >;
    call = stream;
    queue = [];
    stream.on('data', (res: FetchResponse) => call === stream && onResponse(stream, res));
    // Every call ends with exactly one status (an error emits one too): the one place to react.
    stream.on('error', () => undefined);
    stream.on('status', (status: grpc.StatusObject) => call === stream && lost(status as grpc.ServiceError));
    stream.write({
      topic_name: topic,
      replay_preset: position ? 'CUSTOM' : 'EARLIEST',
      ...(position ? { replay_id: position } : {}),
      num_requested: batchSize,
    });
    subscribed = true;
    settleReady?.resolve();
  };

  const start = () => {
    if (closed) return;
    open().catch((error: unknown) => {
      if (error instanceof SalesforceError) return fail(error);
      const grpcError = error as grpc.ServiceError;
      // Never got through to the endpoint: say so (the caller may fall back to CometD).
      if (!subscribed && isUnreachable(grpcError))
        return fail(unreachable(options.endpoint, grpcError, secrets()));
      lost(grpcError);
    });
  };

  const lost = (error: grpc.ServiceError) => {
    if (closed) return;
    if (call) call.cancel();
    call = undefined;
    const verdict = typeof error.code === 'number' ? classifyGrpcError(error, secrets()) : error;
    if (verdict === 'auth') {
      if (authRetries >= MAX_AUTH_RETRIES) {
        return fail(
          new SalesforceError('auth_expired', 'Pub/Sub API rejected the access token after refreshing it'),
        );
      }
      authRetries += 1;
      session
        .forceRefresh()
        .then(start, (err: unknown) => fail(toSalesforceError(err, { secrets: secrets() })));
      return;
    }
    if (verdict !== 'drop') return fail(verdict);
    drops += 1;
    if (drops > MAX_DROPS) {
      return fail(
        new SalesforceError(
          'transient',
          redact(`Pub/Sub API: the stream keeps dropping (${error.details})`, secrets()),
        ),
      );
    }
    setTimeout(start, 100 * 2 ** drops).unref();
  };

  start();
  return { ready, close };
}
