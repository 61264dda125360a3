import type { ChangeEvent } from '@ch/salesforce';

/**
 * Where a subscription resumes, as stored on ObjectSync: the CometD replay id (a number, kept as
 * text) or the Pub/Sub API's (opaque bytes, kept as bytea). Each commit stores its transport's
 * and forgets the other's, so the one stored is always the newest; after a switch of transport the
 * other one starts from every retained event (decision 024).
 */
export interface StoredPosition {
  replayId: string | null;
  pubsubReplayId: Uint8Array<ArrayBuffer> | null;
}

/** The position right after `events` (in delivery order): what a commit of them stores. */
export function positionAfter(events: readonly ChangeEvent[]): StoredPosition {
  const last = events.at(-1);
  // Pub/Sub ids are opaque: the last delivered is the newest. CometD's are numbers.
  if (last?.replay) return { replayId: null, pubsubReplayId: Uint8Array.from(last.replay) };
  return { replayId: String(Math.max(...events.map((e) => e.replayId))), pubsubReplayId: null };
}

/** No position at all: the next subscription replays every retained event. */
export const NO_POSITION: StoredPosition = { replayId: null, pubsubReplayId: null };
