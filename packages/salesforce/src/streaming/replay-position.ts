/**
 * Where a rebuilt CometD client resumes. After an event was delivered that is simply its
 * replayId. The hard case is a subscription from -1 that has seen nothing yet: its client dies
 * (token refresh, dropped connection) and resubscribing with -1 would silently skip whatever was
 * committed in between. Salesforce offers no "current position", so we resubscribe with -2 and
 * drop replayed events committed before our first subscribe was acknowledged, minus a margin for
 * clock skew. Erring on the side of the margin means a few older events may be delivered again
 * (CDC is at-least-once anyway); nothing is lost.
 */
export const PRE_SUBSCRIBE_MARGIN_MS = 60_000;

export class ReplayPosition {
  private resumeFrom: number;
  /** Replayed events committed before this are skipped (only set in the -1 case above). */
  private floor: number | undefined;

  constructor(
    initial: number,
    private readonly marginMs = PRE_SUBSCRIBE_MARGIN_MS,
  ) {
    this.resumeFrom = initial;
  }

  /** The replay id to send with a (re)subscribe. */
  get replayId(): number {
    return this.resumeFrom;
  }

  /** A subscribe was acknowledged at `now` (local clock). */
  subscribed(now = Date.now()): void {
    if (this.resumeFrom !== -1) return;
    this.resumeFrom = -2;
    this.floor = now - this.marginMs;
  }

  /** Whether to hand this event to the consumer. An old replayed one is skipped and passed over. */
  admit(event: { replayId: number; commitTimestamp: number }): boolean {
    if (this.floor !== undefined && event.commitTimestamp < this.floor) {
      this.resumeFrom = event.replayId;
      return false;
    }
    this.floor = undefined;
    return true;
  }

  /** The consumer processed this event. */
  delivered(replayId: number): void {
    this.resumeFrom = replayId;
  }
}
