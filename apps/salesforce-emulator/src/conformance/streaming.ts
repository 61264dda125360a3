import type { Connection } from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';

// jsforce streaming helpers for the CDC conformance tests.
export interface ChangeEvent {
  channel?: string;
  schema?: string;
  payload: {
    ChangeEventHeader: Record<string, unknown> & {
      changeType: string;
      recordIds: string[];
      changedFields: string[];
      entityName: string;
    };
  } & Record<string, unknown>;
  event: { replayId: number };
}

interface FayeClient {
  subscribe(channel: string, cb: (m: ChangeEvent) => void): PromiseLike<unknown>;
  disconnect(): void;
}

export interface Subscriber {
  events: ChangeEvent[];
  authFailures: Record<string, unknown>[];
  ready: Promise<void>;
  close(): void;
}

/** A faye client through jsforce with the Replay and AuthFailure extensions. */
export function subscribe(conn: Connection, channel: string, replayId: number): Subscriber {
  const events: ChangeEvent[] = [];
  const authFailures: Record<string, unknown>[] = [];
  const replay = new StreamingExtension.Replay(channel, replayId);
  const authFailure = new StreamingExtension.AuthFailure((m: Record<string, unknown>) =>
    authFailures.push(m),
  );
  const client = conn.streaming.createClient([authFailure, replay]) as unknown as FayeClient;
  const sub = client.subscribe(channel, (m) => events.push(m));
  const ready = new Promise<void>((resolve, reject) => {
    sub.then(
      () => resolve(),
      (err: unknown) => reject(err),
    );
  });
  ready.catch(() => {});
  return { events, authFailures, ready, close: () => client.disconnect() };
}

/** A Contact's or Lead's LastName as change events carry it: inside the nested Name. */
export function lastNameOf(e: ChangeEvent): unknown {
  return (e.payload.Name as { LastName?: unknown } | undefined)?.LastName;
}

export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
