import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { StoredEvent } from '../cdc/bus.ts';
import type { Emulator } from '../core/emulator.ts';
import type { DataObjectName } from '../store/schema.ts';
import type { PubSubSession } from './auth.ts';
import { encodeEvent, topicSchema } from './avro.ts';
import { newRpcId, type PubSubErrorName, type PubSubStatus, pubSubError, streamDropped } from './errors.ts';
import type { ConsumerEvent, FetchRequest, FetchResponse } from './proto.ts';
import { decodeReplayId, encodeReplayId } from './replay-id.ts';
import { resolveTopic, type Topic, topicMatches } from './topics.ts';

/**
 * Salesforce's allocation: a Subscribe call has at most 100 events requested and not yet delivered,
 * however many FetchRequests asked; more counts as 100.
 */
export const MAX_REQUESTED = 100;
export const SUBSCRIBE_PATH = '/eventbus.v1.PubSub/Subscribe';

/** The index of the first event after replay position `cursor` in a log ordered by replay id. */
function firstAfter(log: StoredEvent[], cursor: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((log[mid]?.replayId ?? 0) <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A stable event id (Salesforce's EventUuid) so a redelivered event keeps its id.
function eventUuid(orgId: string, replayId: number): string {
  const h = createHash('sha256').update(`${orgId}:${replayId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Every subscriber of an event receives the same message: built once per stored event. */
const consumerEvents = new WeakMap<StoredEvent, ConsumerEvent>();

/**
 * One Subscribe call: the first FetchRequest names the topic and where to start, each request
 * adds to the events the client is ready for, and the server sends no more than that. `cursor` is
 * the replay position up to which every event was delivered or skipped (other topics' events).
 */
export class SubscribeStream {
  readonly rpcId = newRpcId();
  private topic: Topic | undefined;
  private cursor = 0;
  private pending = 0;
  private sentSinceTick = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly emu: Emulator,
    private readonly call: ServerDuplexStream<FetchRequest, FetchResponse>,
    readonly session: PubSubSession,
    private readonly onClose: (s: SubscribeStream) => void,
  ) {
    call.on('data', (req: FetchRequest) => this.request(req));
    call.on('end', () => this.finish());
    call.on('cancelled', () => this.cleanup());
    call.on('error', () => this.cleanup());
  }

  get orgId(): string {
    return this.session.org.id;
  }

  /** The first FetchRequest was accepted: events published from now on reach this stream. */
  get subscribed(): boolean {
    return this.topic !== undefined && !this.closed;
  }

  /** A session that ended by time (no expire or revoke event) ends the stream at its next step. */
  private sessionEnded(): boolean {
    if (this.emu.tokens.validAccess(this.session.token.token)) return false;
    this.fail('authError');
    return true;
  }

  private request(req: FetchRequest): void {
    if (this.closed || this.sessionEnded()) return;
    const refused = this.accept(req);
    if (refused) this.fail(refused);
    else this.deliver();
  }

  /** Applies a FetchRequest (the first one also sets the subscription up); the error it earns, if any. */
  private accept(req: FetchRequest): PubSubErrorName | undefined {
    if (!this.topic) {
      const topic = resolveTopic(this.session.org, req.topicName);
      if (typeof topic === 'string') return topic;
      const start = this.startAfter(req);
      if (typeof start === 'string') return start;
      this.topic = topic;
      this.cursor = start;
      this.timer = setInterval(() => this.keepalive(), this.emu.settings.pubsubKeepaliveMs);
      this.timer.unref();
    } else if (req.topicName && req.topicName !== this.topic.name) return 'topicMismatch';
    if (!(req.numRequested > 0)) return 'requestedInvalid';
    this.pending = Math.min(this.pending + req.numRequested, MAX_REQUESTED);
    return undefined;
  }

  /** The replay position the subscription starts after (replay_preset, replay_id of the first request). */
  private startAfter(req: FetchRequest): number | PubSubErrorName {
    const bus = this.emu.bus;
    if (req.replayPreset === 'EARLIEST') return bus.floor(this.orgId);
    if (req.replayPreset !== 'CUSTOM') return bus.latestReplayId;
    if (req.replayId.length === 0) return 'replayMissing';
    const id = decodeReplayId(req.replayId);
    // Older than the floor: events after it left the retention window; above the newest: never issued.
    if (id === undefined || id < bus.floor(this.orgId) || id > bus.latestReplayId) return 'replayCorrupted';
    return id;
  }

  /** Sends what the client asked for; called on requests and whenever the org publishes. */
  deliver(): void {
    if (this.closed || !this.topic || this.sessionEnded()) return;
    const log = this.emu.bus.retained(this.orgId);
    let batch: ConsumerEvent[] = [];
    for (let i = firstAfter(log, this.cursor); i < log.length; i++) {
      const e = log[i] as StoredEvent;
      if (topicMatches(this.topic, e)) {
        if (this.pending === 0) break;
        batch.push(this.consumerEvent(e));
        this.pending--;
      }
      this.cursor = e.replayId;
      if (batch.length === MAX_REQUESTED) {
        this.send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) this.send(batch);
  }

  private consumerEvent(e: StoredEvent): ConsumerEvent {
    const hit = consumerEvents.get(e);
    if (hit) return hit;
    // The org's own schema: its readable custom fields are part of it.
    const schema = topicSchema(e.entity as DataObjectName, this.emu.orgs.get(this.orgId));
    const event: ConsumerEvent = {
      event: {
        id: eventUuid(this.orgId, e.replayId),
        schemaId: schema.id,
        payload: encodeEvent(e, schema),
        headers: [],
      },
      replayId: encodeReplayId(e.replayId),
    };
    consumerEvents.set(e, event);
    return event;
  }

  /** Empty FetchResponse with the latest position, when nothing else was sent since the last tick. */
  private keepalive(): void {
    if (this.sessionEnded()) return;
    if (!this.sentSinceTick) {
      this.deliver();
      if (!this.sentSinceTick) this.send([]);
    }
    this.sentSinceTick = false;
  }

  private send(events: ConsumerEvent[]): void {
    this.sentSinceTick = true;
    const response: FetchResponse = {
      events,
      latestReplayId: encodeReplayId(this.cursor),
      rpcId: this.rpcId,
      pendingNumRequested: this.pending,
    };
    // Latency applies per response; the chain keeps responses in order.
    this.writes = this.writes.then(async () => {
      const latency = this.emu.faults.latencyFor(SUBSCRIBE_PATH);
      if (latency > 0) await sleep(latency, undefined, { ref: false });
      if (!this.closed) this.call.write(response);
    });
  }

  fail(name: PubSubErrorName): void {
    this.end(pubSubError(name, this.rpcId));
  }

  /** The drop-streams fault: the stream is cut as a network fault would cut it. */
  drop(): void {
    this.end(streamDropped(this.rpcId));
  }

  private end(status: PubSubStatus): void {
    if (this.closed) return;
    this.cleanup();
    this.call.emit('error', status);
  }

  /** The client closed its side, or the emulator shuts down: the call ends normally. */
  finish(): void {
    if (this.closed) return;
    this.cleanup();
    this.call.end();
  }

  private cleanup(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.onClose(this);
  }
}
