import type { Db } from '@ch/db';
import {
  type ChangeEvent,
  type PubSubEndpoint,
  type SalesforceClient,
  SalesforceError,
} from '@ch/salesforce';
import { SALESFORCE_NAME } from '../../wire-names/objects.ts';
import type { RunTotals } from '../run-history.ts';
import { applyEvents, type CdcTarget } from './apply-events.ts';
import type { StoredPosition } from './position.ts';

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
  /** Set: over the Pub/Sub API (the org's id names the tenant); unset: over CometD. */
  pubsub?: PubSubEndpoint & { tenantId: string };
}

/** How a healthy session ended: stopped, or an overflow asks for a full resync after this event. */
export type FollowEnd = { kind: 'stopped' } | { kind: 'resync'; after: ChangeEvent };

/**
 * Subscribes from the stored position and applies events until stopped, an overflow, or an error
 * (thrown: the caller counts it and resubscribes from the stored position, which is exactly what
 * was applied). Events wait in memory only between delivery and their commit. Both transports
 * share everything after delivery; they differ in pacing: CometD pushes, and what arrives while a
 * batch commits makes the next batch; the Pub/Sub API is asked for more only once a batch commits.
 */
export function followChanges(
  db: Db,
  client: SalesforceClient,
  target: CdcTarget & StoredPosition,
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

    const applyBatch = async (batch: ChangeEvent[]) => {
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
    };

    const pump = async () => {
      try {
        while (queue.length > 0 && !ended) await applyBatch(queue.splice(0, MAX_BATCH));
      } catch (error) {
        end(error as Error);
      } finally {
        pumping = undefined;
      }
    };

    const object = SALESFORCE_NAME[target.object];
    const subscription = options.pubsub
      ? client.subscribePubSub({
          ...options.pubsub,
          object,
          ...(target.pubsubReplayId ? { replayId: target.pubsubReplayId } : {}),
          onBatch(events) {
            if (ended) return Promise.resolve();
            const run = applyBatch(events);
            // end() waits for the batch in hand. Its own error ends the session (a lost lease
            // must stay a LeaseLostError); the subscription's report of it comes after and is ignored.
            pumping = run.then(
              () => undefined,
              (error: unknown) => end(error as Error),
            );
            return run;
          },
          onError: (error) => end(error),
        })
      : client.subscribeChanges({
          object,
          // CometD ids are numbers; a Pub/Sub position is not one, so it starts from every retained event.
          replayId: target.replayId === null ? REPLAY_ALL : Number(target.replayId),
          onEvent(event) {
            if (ended) return;
            queue.push(event);
            pumping ??= pump();
          },
          onError: (error) => end(error),
        });
    unanswered = setTimeout(() => {
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
