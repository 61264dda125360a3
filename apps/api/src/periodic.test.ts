import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startPeriodic } from './periodic.ts';

const logger = pino({ level: 'silent' });

/** Work that resolves with its run number when the test lets it. */
function gatedWork() {
  const releases: (() => void)[] = [];
  let runs = 0;
  const work = () => {
    runs += 1;
    const n = runs;
    return new Promise<number>((resolve) => releases.push(() => resolve(n)));
  };
  return { work, releases, runs: () => runs };
}

describe('startPeriodic', () => {
  it('runs at start, skips a run asked for while one is going, and hands runNow its result', async () => {
    const gated = gatedWork();
    const periodic = startPeriodic('test', gated.work, { everyMs: 3_600_000, logger });
    expect(gated.runs()).toBe(1);
    const skipped = periodic.runNow();
    expect(await skipped).toBeUndefined();
    expect(gated.runs()).toBe(1);
    gated.releases[0]!();
    await periodic.settled();
    const second = periodic.runNow();
    gated.releases[1]!();
    expect(await second).toBe(2);
    await periodic.stop();
    expect(await periodic.runNow()).toBeUndefined();
    expect(gated.runs()).toBe(2);
  });

  it('with atStart false runs only when asked, and a failure reaches the caller', async () => {
    let runs = 0;
    const periodic = startPeriodic(
      'test',
      async () => {
        runs += 1;
        throw new Error('boom');
      },
      { everyMs: 3_600_000, logger, atStart: false },
    );
    expect(runs).toBe(0);
    await expect(periodic.runNow()).rejects.toThrow('boom');
    await periodic.settled();
    await periodic.stop();
    expect(runs).toBe(1);
  });
});
