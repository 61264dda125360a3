// The emulator clock is wall time plus an offset that tests can advance, so expiry, retention and
// purge can be exercised without waiting.
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

/**
 * Commit stamps per org: never repeats a millisecond, so the commit order is total, while the
 * SystemModstamps derived from them (whole seconds) are shared by every commit of one second.
 */
export class CommitClock {
  private last = 0;
  constructor(private readonly clock: Clock) {}

  next(): number {
    const now = this.clock.now();
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A datetime as Salesforce's REST and Bulk APIs write it: `2026-11-28T10:00:00.000+0000` (an
 * offset without a colon, never `Z`; change events over CometD use `Z`).
 */
export function restDatetime(value: string | number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isNaN(ms) ? String(value) : iso(ms).replace('Z', '+0000');
}

/** Salesforce datetimes (SystemModstamp, CreatedDate...) have whole seconds; commit stamps keep ms. */
export function isoSeconds(ms: number): string {
  return iso(Math.floor(ms / 1000) * 1000);
}
