import type { ServerResponse } from 'node:http';
import { orgHasCdc, type StoredEvent } from '../cdc/bus.ts';
import { schemaId } from '../cdc/events.ts';
import type { Emulator } from '../core/emulator.ts';
import { randomToken } from '../core/random.ts';
import { sendJson } from '../http/respond.ts';
import { BayeuxClient } from './client.ts';
import {
  ALL_CHANGES,
  authInvalid,
  type BayeuxMessage,
  base,
  channelFor,
  connectOk,
  handshakeDenied,
  invalidReplay,
  unknownClient,
} from './messages.ts';

function eventMessage(channel: string, e: StoredEvent): BayeuxMessage {
  return {
    channel,
    data: { schema: schemaId(e.entity), payload: e.payload, event: { replayId: e.replayId } },
  };
}

/** The Bayeux server behind POST /cometd/NN.0: clients, subscriptions, replay and delivery. */
export class CometdHub {
  private readonly clients = new Map<string, BayeuxClient>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly emu: Emulator) {
    emu.bus.onPublish = (orgId, events) => this.publish(orgId, events);
    emu.tokens.onInvalidate = (tokens) => this.invalidate(tokens);
    this.sweeper = setInterval(() => this.sweep(), 250);
    this.sweeper.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Processes one POST body; replies now, or holds the response when a connect must wait. */
  handle(res: ServerResponse, messages: BayeuxMessage[], headerToken: string | undefined): void {
    const replies: BayeuxMessage[] = [];
    let holdFor: { client: BayeuxClient; connect: BayeuxMessage } | undefined;
    for (const msg of messages) {
      const channel = msg.channel;
      if (channel === '/meta/handshake') {
        replies.push(this.handshake(msg, headerToken));
        continue;
      }
      const client = this.clients.get(msg.clientId ?? '');
      if (!client) {
        replies.push(unknownClient(msg));
        continue;
      }
      client.lastSeen = Date.now();
      if (channel === '/meta/connect') {
        if (
          !this.emu.tokens.validAccess(client.token) ||
          (headerToken && !this.emu.tokens.validAccess(headerToken))
        ) {
          this.clients.delete(client.id);
          replies.push(authInvalid(msg));
          continue;
        }
        replies.push(connectOk(msg, this.emu.settings.cometdConnectTimeoutMs));
        // The first connect asks for timeout 0 and rides with other messages: answer it at once.
        const immediate =
          (msg.advice as { timeout?: number } | undefined)?.timeout === 0 || messages.length > 1;
        if (client.queue.length === 0 && !immediate) holdFor = { client, connect: msg };
        else replies.unshift(...client.queue.splice(0));
      } else if (channel === '/meta/subscribe') replies.push(this.subscribe(client, msg));
      else if (channel === '/meta/unsubscribe') {
        client.subscriptions.delete(String(msg.subscription));
        replies.push({ ...base(msg), subscription: msg.subscription, successful: true });
      } else if (channel === '/meta/disconnect') {
        this.clients.delete(client.id);
        client.release(unknownClient);
        replies.push({ ...base(msg), successful: true });
      } else replies.push({ ...base(msg), successful: false, error: '403::Publish denied' });
    }
    if (holdFor) holdFor.client.hold(res, replies, holdFor.connect, this.emu.settings.cometdConnectTimeoutMs);
    else sendJson(res, 200, replies);
  }

  private handshake(msg: BayeuxMessage, headerToken: string | undefined): BayeuxMessage {
    const token = this.emu.tokens.validAccess(headerToken);
    if (!token) return handshakeDenied(msg);
    const client = new BayeuxClient(randomToken(21), token.orgId, token.token);
    this.clients.set(client.id, client);
    return {
      ...base(msg),
      clientId: client.id,
      version: '1.0',
      minimumVersion: '1.0',
      supportedConnectionTypes: ['long-polling'],
      successful: true,
      ext: { replay: true, 'payload.format': true },
    };
  }

  private subscribe(client: BayeuxClient, msg: BayeuxMessage): BayeuxMessage {
    const subscription = String(msg.subscription ?? '');
    const reply = { ...base(msg), subscription };
    const org = this.emu.org(client.orgId);
    if (!org || !orgHasCdc(org)) {
      return {
        ...reply,
        successful: false,
        error: `403::Change Data Capture is not available for this organization (${org?.edition ?? 'unknown edition'})`,
      };
    }
    const known = subscription === ALL_CHANGES || org.cdcEntities.some((e) => channelFor(e) === subscription);
    if (!known)
      return {
        ...reply,
        successful: false,
        error: `400::The channel you requested to subscribe to does not exist {${subscription}}`,
      };
    const ext = msg.ext as { replay?: Record<string, unknown> } | undefined;
    const raw = ext?.replay?.[subscription] ?? -1;
    const replayId = Number(raw);
    let from: number | undefined;
    if (replayId === -2) from = 0;
    else if (replayId !== -1) {
      from = Number.isInteger(replayId) ? this.emu.bus.positionAfter(org.id, replayId) : undefined;
      if (from === undefined) return { ...reply, successful: false, error: invalidReplay(raw) };
    }
    client.subscriptions.add(subscription);
    if (from !== undefined) {
      const backlog = this.emu.bus.retained(org.id).slice(from);
      client.queue.push(
        ...backlog.filter((e) => this.matches(subscription, e)).map((e) => eventMessage(subscription, e)),
      );
    }
    return { ...reply, successful: true };
  }

  private matches(subscription: string, e: StoredEvent): boolean {
    return subscription === ALL_CHANGES || subscription === channelFor(e.entity);
  }

  private publish(orgId: string, events: StoredEvent[]): void {
    for (const client of this.clients.values()) {
      if (client.orgId !== orgId || client.subscriptions.size === 0) continue;
      const out: BayeuxMessage[] = [];
      for (const e of events)
        for (const s of client.subscriptions) if (this.matches(s, e)) out.push(eventMessage(s, e));
      if (out.length > 0) client.deliver(out);
    }
  }

  /** Held connects of clients whose token stopped working are answered at once; others on their next connect. */
  private invalidate(tokens: string[]): void {
    const dead = new Set(tokens);
    for (const client of this.clients.values()) {
      if (dead.has(client.token) && client.release(authInvalid)) this.clients.delete(client.id);
    }
  }

  /** Fault: forget every client; each must handshake again. */
  dropAll(): number {
    const n = this.clients.size;
    for (const client of this.clients.values()) client.release(unknownClient);
    this.clients.clear();
    return n;
  }

  private sweep(): void {
    const cutoff = Date.now() - this.emu.settings.cometdClientTimeoutMs;
    for (const client of this.clients.values())
      if (!client.waiting && client.lastSeen < cutoff) this.clients.delete(client.id);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const client of this.clients.values()) client.release();
    this.clients.clear();
  }
}
