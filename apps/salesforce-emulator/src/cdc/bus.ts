import type { Clock } from '../core/clock.ts';
import type { Prng } from '../core/prng.ts';
import type { EmulatorSettings } from '../core/settings.ts';
import type { Org, Transaction } from '../store/types.ts';
import { type ChangePayload, eventsForTransaction, type GapType, gapEvent } from './events.ts';

export interface StoredEvent {
  replayId: number;
  entity: string;
  publishedAt: number;
  payload: ChangePayload['payload'];
}

export interface BusSnapshot {
  logs: Record<string, StoredEvent[]>;
  commitNumbers: Record<string, number>;
  lastReplayId: number;
  /** Per org, the highest replay id whose event is gone (see floor()); absent in older files. */
  floors?: Record<string, number>;
}

export const CDC_EDITIONS = [
  'Enterprise Edition',
  'Unlimited Edition',
  'Performance Edition',
  'Developer Edition',
];

export function orgHasCdc(org: Org): boolean {
  return CDC_EDITIONS.includes(org.edition);
}

/** Per-org retained change events with opaque, increasing, non-consecutive replay ids. */
export class EventBus {
  private readonly logs = new Map<string, StoredEvent[]>();
  private readonly commitNumbers = new Map<string, number>();
  private lastReplayId = 37_904_280;
  /** Per org: replay positions at or below this lost events to retention (Pub/Sub replay check). */
  private readonly floors = new Map<string, number>();
  /** Positions issued before the last clear() point at events that no longer exist. */
  private clearedAt = 0;
  /** The CometD hub listens here to push events to subscribed clients. */
  onPublish: (orgId: string, events: StoredEvent[]) => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly settings: EmulatorSettings,
    private readonly prng: Prng,
  ) {}

  private nextCommitNumber(orgId: string): number {
    const n = (this.commitNumbers.get(orgId) ?? 1_082_990_428_000) + this.prng.int(1, 9);
    this.commitNumbers.set(orgId, n);
    return n;
  }

  private append(org: Org, payloads: ChangePayload[]): StoredEvent[] {
    if (payloads.length === 0) return [];
    const log = this.logs.get(org.id) ?? [];
    this.logs.set(org.id, log);
    const publishedAt = this.clock.now();
    const stored = payloads.map((p) => {
      this.lastReplayId += this.prng.int(1, 7);
      return { replayId: this.lastReplayId, entity: p.entity, publishedAt, payload: p.payload };
    });
    for (const e of stored) log.push(e);
    this.onPublish(org.id, stored);
    return stored;
  }

  publishTransaction(tx: Transaction): StoredEvent[] {
    if (!orgHasCdc(tx.org) || tx.changes.length === 0) return [];
    const payloads = eventsForTransaction(tx, this.nextCommitNumber(tx.org.id));
    return this.append(tx.org, payloads);
  }

  publishGap(
    org: Org,
    entity: string,
    changeType: GapType,
    recordIds: string[],
    userId: string,
  ): StoredEvent[] {
    const meta = {
      userId,
      commitTimestamp: org.commitClock.next(),
      commitNumber: this.nextCommitNumber(org.id),
    };
    return this.append(org, [gapEvent(entity, changeType, recordIds, meta)]);
  }

  /** Events still inside the retention window (older ones are dropped for good). */
  retained(orgId: string): StoredEvent[] {
    const log = this.logs.get(orgId);
    if (!log) return [];
    const cutoff = this.clock.now() - this.settings.cdcRetentionMs;
    let drop = 0;
    while (drop < log.length && (log[drop]?.publishedAt ?? 0) <= cutoff) drop++;
    if (drop > 0) this.floors.set(orgId, log.splice(0, drop).at(-1)?.replayId ?? 0);
    return log;
  }

  /**
   * The lowest replay position a subscriber may resume after: from a lower one, some events that
   * followed it have left the retention window (or were cleared), so the position is no longer valid.
   */
  floor(orgId: string): number {
    this.retained(orgId);
    return Math.max(this.clearedAt, this.floors.get(orgId) ?? 0);
  }

  /** The newest replay id issued in any org: positions above it were never issued. */
  get latestReplayId(): number {
    return this.lastReplayId;
  }

  /** Replay position after `replayId`, or undefined when the id is not retained. */
  positionAfter(orgId: string, replayId: number): number | undefined {
    const log = this.retained(orgId);
    let lo = 0;
    let hi = log.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = log[mid]?.replayId ?? 0;
      if (id === replayId) return mid + 1;
      if (id < replayId) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  clear(): void {
    this.logs.clear();
    this.floors.clear();
    this.clearedAt = this.lastReplayId;
  }

  /** The retained logs and counters, for the saved state of a persistent emulator (see persist/). */
  snapshot(): BusSnapshot {
    return {
      logs: Object.fromEntries([...this.logs.keys()].map((orgId) => [orgId, this.retained(orgId)])),
      commitNumbers: Object.fromEntries(this.commitNumbers),
      lastReplayId: this.lastReplayId,
      floors: Object.fromEntries([...this.logs.keys()].map((orgId) => [orgId, this.floor(orgId)])),
    };
  }

  restore(saved: BusSnapshot): void {
    this.logs.clear();
    for (const [orgId, log] of Object.entries(saved.logs)) this.logs.set(orgId, [...log]);
    this.commitNumbers.clear();
    for (const [orgId, n] of Object.entries(saved.commitNumbers)) this.commitNumbers.set(orgId, n);
    this.lastReplayId = saved.lastReplayId;
    this.floors.clear();
    for (const [orgId, n] of Object.entries(saved.floors ?? {})) this.floors.set(orgId, n);
  }
}
