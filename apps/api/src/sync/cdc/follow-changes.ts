import type { Db } from '@ch/db';
import { type ChangeEvent, type SalesforceClient, SalesforceError } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../../wire-names/objects.ts';
import type { RunTotals } from '../run-history.ts';
import { applyEvents, type CdcTarget } from './apply-events.ts';

/** Where the subscription starts: the stored position, or every retained event after a fresh load. */
export const REPLAY_ALL = -2;

// Events queued while a batch commits go in the next batch: one transaction for many events keeps
// up with bursts (hundreds a second), while a lone event still commits at once (low latency).
const MAX_BATCH = 500;

// faye retries an unreachable server forever without reporting it: without this bound, an outage
// at subscribe time would never count as a failure nor show on the sync.
const READY_TIMEOUT_MS = 30_000;

export interface FollowOptions {
  owner: string;
  /** Aborted to stop: the subscription closes and the batch in hand commits first. */
  signal: AbortSignal;
  totals: RunTotals;
  readyTimeoutMs?: number;
  /** The subscribe was acknowledged. */
  onReady(): void;
  /** Events committed (with their replay id), in the order applied: for metrics and tests. */
  onApplied?: (events: readonly ChangeEvent[]) => void;
}

/** How a healthy session ended: stopped, or an overflow asks for a full resync after this event. */
export type FollowEnd = { kind: 'stopped' } | { kind: 'resync'; after: ChangeEvent };

/**
 * Subscribes from the stored replay id and applies events until stopped, an overflow, or an error
 * (thrown: the caller counts it and resubscribes from the stored id, which is exactly what was
 * applied). Events wait in memory only between delivery and their commit.
 */
export function followChanges(
  db: Db,
  client: SalesforceClient,
  target: CdcTarget & { replayId: string | null },
  options: FollowOptions,
): Promise<FollowEnd> {
  return new Promise<FollowEnd>((resolve, reject) => {
    const queue: ChangeEvent[] = [];
    let pumping: Promise<void> | undefined;
    let ended = false;
    let unanswered: ReturnType<typeof setTimeout> | undefined;

    const end = (outcome: FollowEnd | Error) => {
      if (ended) return;
      ended = true;
      clearTimeout(unanswered);
      subscription.close();
      options.signal.removeEventListener('abort', onAbort);
      // Settle only after the batch in hand committed (or failed): its totals belong to this run.
      void (pumping ?? Promise.resolve()).then(() =>
        outcome instanceof Error ? reject(outcome) : resolve(outcome),
      );
    };
    const onAbort = () => end({ kind: 'stopped' });

    const pump = async () => {
      try {
        while (queue.length > 0 && !ended) {
          const batch = queue.splice(0, MAX_BATCH);
          const { applied, overflow } = await applyEvents(
            db,
            client,
            target,
            options.owner,
            batch,
            options.totals,
          );
          options.onApplied?.(applied);
          if (overflow) end({ kind: 'resync', after: overflow });
        }
      } catch (error) {
        end(error as Error);
      } finally {
        pumping = undefined;
      }
    };

    const subscription = client.subscribeChanges({
      object: SALESFORCE_NAME[target.object],
      replayId: target.replayId === null ? REPLAY_ALL : Number(target.replayId),
      onEvent(event) {
        if (ended) return;
        queue.push(event);
        pumping ??= pump();
      },
      onError: (error) => end(error),
    });
    unanswered = setTimeout(() => {
      const object = SALESFORCE_NAME[target.object];
      end(
        new SalesforceError('transient', `${object} change events: the subscribe was not confirmed in time`),
      );
    }, options.readyTimeoutMs ?? READY_TIMEOUT_MS);
    subscription.ready.then(
      () => {
        clearTimeout(unanswered);
        if (!ended) options.onReady();
      },
      () => clearTimeout(unanswered), // onError reports the same failure
    );
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort);
  });
}
