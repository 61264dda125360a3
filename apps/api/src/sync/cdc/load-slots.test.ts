import { describe, expect, it } from 'vitest';
import { CDC_LOADS_AT_ONCE, inLoadSlot } from './load-slots.ts';

describe('CDC load slots', () => {
  it('runs at most CDC_LOADS_AT_ONCE loads at once and every one in turn; a stop while waiting skips it', async () => {
    let now = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const load = () =>
      new Promise<string>((resolve) => {
        now += 1;
        most = Math.max(most, now);
        releases.push(() => {
          now -= 1;
          resolve('done');
        });
      });
    const stop = new AbortController();
    const never = new AbortController();
    const loads = Array.from({ length: CDC_LOADS_AT_ONCE + 3 }, (_, i) =>
      inLoadSlot(i === CDC_LOADS_AT_ONCE ? stop.signal : never.signal, load),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(now).toBe(CDC_LOADS_AT_ONCE);
    stop.abort();
    while (releases.length > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const outcomes = await Promise.all(loads);
    expect(most).toBe(CDC_LOADS_AT_ONCE);
    expect(outcomes.filter((o) => o === 'stopped')).toHaveLength(1);
    expect(outcomes[CDC_LOADS_AT_ONCE]).toBe('stopped');
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(CDC_LOADS_AT_ONCE + 2);
  });
});
