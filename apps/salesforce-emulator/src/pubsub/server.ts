import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Metadata,
  Server,
  type ServerDuplexStream,
  type ServerUnaryCall,
  type sendUnaryData,
} from '@grpc/grpc-js';
import type { Emulator } from '../core/emulator.ts';
import { authenticate, type PubSubSession } from './auth.ts';
import { schemaById, topicSchema } from './avro.ts';
import { newRpcId, type PubSubErrorName, pubSubError } from './errors.ts';
import { type FetchRequest, type FetchResponse, pubSubService } from './proto.ts';
import { SubscribeStream } from './stream.ts';
import { selfSignedCertificate } from './tls.ts';
import { resolveTopic } from './topics.ts';

export interface PubSubEndpoint {
  /** `host:port` as gRPC clients take it (the npm client's `pubSubEndpoint`). */
  endpoint: string;
  port: number;
  /** PEM of the certificate generated at start, for clients that verify instead of skipping the check. */
  certificate: string;
}

export const MAX_STREAMS_PER_CONNECTION = 100;
const FAULT_ERRORS: Record<number, PubSubErrorName> = {
  401: 'authError',
  500: 'internal',
  503: 'unavailable',
};

/**
 * The eventbus.v1.PubSub service over TLS: GetTopic, GetSchema and Subscribe on the CometD event
 * store (Publish is not served). Injected faults apply: latency, failures, dropped streams.
 */
export class PubSubServer {
  // Salesforce's allocation: 100 concurrent streams on one HTTP/2 connection (gRPC channel);
  // a client's 101st call waits for a free stream.
  private readonly server = new Server({ 'grpc.max_concurrent_streams': MAX_STREAMS_PER_CONNECTION });
  private readonly streams = new Set<SubscribeStream>();

  constructor(private readonly emu: Emulator) {
    // The CometD hub holds these hooks already; both transports hear every publish and invalidation.
    const published = emu.bus.onPublish;
    emu.bus.onPublish = (orgId, events) => {
      published(orgId, events);
      for (const s of this.streams) if (s.orgId === orgId) s.deliver();
    };
    const invalidated = emu.tokens.onInvalidate;
    emu.tokens.onInvalidate = (tokens) => {
      invalidated(tokens);
      const dead = new Set(tokens);
      for (const s of [...this.streams]) if (dead.has(s.session.token.token)) s.fail('authError');
    };
    this.server.addService(pubSubService(), {
      GetTopic: (call: ServerUnaryCall<{ topicName: string }, unknown>, done: sendUnaryData<unknown>) =>
        this.unary('GetTopic', call.metadata, done, (session, rpcId) => {
          const topic = resolveTopic(session.org, call.request.topicName);
          if (typeof topic === 'string') return topic;
          return {
            topicName: topic.name,
            tenantGuid: session.org.id,
            canPublish: false,
            canSubscribe: true,
            schemaId: topic.entity ? topicSchema(topic.entity, session.org).id : '',
            rpcId,
          };
        }),
      GetSchema: (call: ServerUnaryCall<{ schemaId: string }, unknown>, done: sendUnaryData<unknown>) =>
        this.unary('GetSchema', call.metadata, done, (_session, rpcId) => {
          if (!call.request.schemaId.trim()) return 'schemaEmpty';
          const schema = schemaById(call.request.schemaId);
          if (!schema) return 'schemaNotFound';
          return { schemaJson: schema.json, schemaId: schema.id, rpcId };
        }),
      Subscribe: (call: ServerDuplexStream<FetchRequest, FetchResponse>) => this.subscribe(call),
    });
  }

  /** Auth and the armed faults every RPC goes through first; an error name or the session. */
  private async admit(method: string, metadata: Metadata): Promise<PubSubSession | PubSubErrorName> {
    const path = `/eventbus.v1.PubSub/${method}`;
    const latency = this.emu.faults.latencyFor(path);
    if (latency > 0) await sleep(latency, undefined, { ref: false });
    const session = authenticate(this.emu, metadata);
    if (typeof session === 'string') return session;
    const fault = this.emu.faults.take(path);
    if (fault === 401) this.emu.tokens.expireAccess({ token: session.token.token });
    return fault ? (FAULT_ERRORS[fault] ?? 'unavailable') : session;
  }

  private unary(
    method: string,
    metadata: Metadata,
    done: sendUnaryData<unknown>,
    answer: (session: PubSubSession, rpcId: string) => object | PubSubErrorName,
  ): void {
    const rpcId = newRpcId();
    this.admit(method, metadata).then((session) => {
      const result = typeof session === 'string' ? session : answer(session, rpcId);
      if (typeof result === 'string') done(pubSubError(result, rpcId));
      else done(null, result);
    });
  }

  private subscribe(call: ServerDuplexStream<FetchRequest, FetchResponse>): void {
    // Requests that arrive while the call is admitted wait in the stream's buffer.
    call.pause();
    this.admit('Subscribe', call.metadata).then((session) => {
      if (typeof session === 'string') {
        call.emit('error', pubSubError(session, newRpcId()));
        return;
      }
      this.streams.add(new SubscribeStream(this.emu, call, session, (s) => this.streams.delete(s)));
      call.resume();
    });
  }

  async listen(port: number, host: string): Promise<PubSubEndpoint> {
    const { cert, credentials } = await selfSignedCertificate(host);
    const bound = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, credentials, (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    return {
      endpoint: `${LOOPBACK.has(host) ? 'localhost' : host}:${bound}`,
      port: bound,
      certificate: cert,
    };
  }

  /** Fault: cuts every Subscribe stream; clients see UNAVAILABLE and must subscribe again. */
  dropAll(): number {
    const all = [...this.streams];
    for (const s of all) s.drop();
    return all.length;
  }

  /** Streams whose subscription is set up (first FetchRequest accepted). */
  get size(): number {
    return [...this.streams].filter((s) => s.subscribed).length;
  }

  /** Ends open streams with an OK status (a client that closed its channel keeps no listener for errors). */
  close(): Promise<void> {
    for (const s of [...this.streams]) s.finish();
    return new Promise((resolve) => {
      this.server.tryShutdown(() => resolve());
      // Calls still open after a grace moment are cut so close() never hangs a test run.
      setTimeout(() => this.server.forceShutdown(), 1000).unref();
    });
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);
