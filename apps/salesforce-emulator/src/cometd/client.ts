import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/respond.ts';
import type { BayeuxMessage } from './messages.ts';

/** One Bayeux client: its subscriptions, undelivered events and the held /meta/connect. */
export class BayeuxClient {
  readonly subscriptions = new Set<string>();
  queue: BayeuxMessage[] = [];
  lastSeen = Date.now();
  private held:
    | { res: ServerResponse; replies: BayeuxMessage[]; connect: BayeuxMessage; timer: NodeJS.Timeout }
    | undefined;

  constructor(
    readonly id: string,
    readonly orgId: string,
    readonly token: string,
  ) {}

  get waiting(): boolean {
    return this.held !== undefined;
  }

  /** Holds the connect; `replies` end the response after any events delivered before them. */
  hold(res: ServerResponse, replies: BayeuxMessage[], connect: BayeuxMessage, timeoutMs: number): void {
    // A newer connect supersedes an older held one, which is answered normally.
    this.release();
    const timer = setTimeout(() => this.release(), timeoutMs);
    this.held = { res, replies, connect, timer };
    res.on('close', () => {
      if (this.held?.res !== res) return;
      clearTimeout(timer);
      this.held = undefined;
      this.lastSeen = Date.now();
    });
  }

  /**
   * Answers the held connect (if any) with queued events and the held replies; `override` swaps
   * the connect reply (e.g. for an error), keeping the request's message id so faye matches it.
   */
  release(override?: (connect: BayeuxMessage) => BayeuxMessage): boolean {
    const held = this.held;
    if (!held) return false;
    this.held = undefined;
    clearTimeout(held.timer);
    const events = this.queue;
    this.queue = [];
    this.lastSeen = Date.now();
    const replies = held.replies.map((r) =>
      override && r.channel === '/meta/connect' ? override(held.connect) : r,
    );
    sendJson(held.res, 200, [...events, ...replies]);
    return true;
  }

  /** Queues events and pushes them at once when a connect is waiting. */
  deliver(messages: BayeuxMessage[]): void {
    for (const m of messages) this.queue.push(m);
    if (this.held) this.release();
  }
}
