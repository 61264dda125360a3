import { describe, expect, it } from 'vitest';
import { mustReload } from './subscriber.ts';

const DAY = 24 * 3_600_000;

describe('whether a CDC sync must load everything again before subscribing', () => {
  it('a recent unfinished load resumes from its checkpoint; an old or undated one starts over', () => {
    const now = Date.now();
    const base = {
      fullLoadCompletedAt: null,
      lastSuccessAt: null,
      replayId: null,
      pubsubReplayId: null,
      fullLoadTotal: 249,
    };
    expect(mustReload({ ...base, fullLoadStartedAt: new Date(now - DAY) }, now)).toBe(false);
    expect(mustReload({ ...base, fullLoadStartedAt: new Date(now - 3 * DAY) }, now)).toBe(true);
    expect(mustReload({ ...base, fullLoadStartedAt: null }, now)).toBe(true);
    expect(mustReload({ ...base, fullLoadStartedAt: null, fullLoadTotal: null }, now)).toBe(false);
    // Finished: the replay must reach back to the load's start (or the last success after it).
    const finished = { ...base, fullLoadCompletedAt: new Date(now - DAY) };
    expect(mustReload({ ...finished, fullLoadStartedAt: new Date(now - 4 * DAY) }, now)).toBe(true);
    expect(mustReload({ ...finished, fullLoadStartedAt: new Date(now - 2 * DAY) }, now)).toBe(false);
    expect(mustReload({ ...finished, fullLoadStartedAt: new Date(now - 4 * DAY), replayId: '7' }, now)).toBe(
      false,
    );
    // A Pub/Sub position counts the same as a CometD one.
    const pubsubReplayId = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 7]);
    expect(mustReload({ ...finished, fullLoadStartedAt: new Date(now - 4 * DAY), pubsubReplayId }, now)).toBe(
      false,
    );
  });
});
