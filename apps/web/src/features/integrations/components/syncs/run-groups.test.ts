import type { SyncRunView } from '@ch/contracts';
import { describe, expect, it } from 'vitest';
import { groupRuns } from './run-groups.ts';

const run = (minute: number, outcome: SyncRunView['outcome'], error: string | null = null): SyncRunView => ({
  kind: 'incremental',
  outcome,
  startedAt: `2026-11-30T10:${String(minute).padStart(2, '0')}:00.000Z`,
  finishedAt: null,
  upserted: 0,
  deleted: 0,
  apiCalls: 1,
  error,
});

describe('groupRuns', () => {
  it('reads consecutive identical failures once, with how many and since the oldest', () => {
    const runs = [
      run(9, 'failed', 'transient: X'),
      run(6, 'failed', 'transient: X'),
      run(2, 'failed', 'transient: X'),
    ];
    expect(groupRuns(runs)).toEqual([{ latest: runs[0], count: 3, since: runs[2]!.startedAt }]);
  });

  it('keeps different errors, successes and non-consecutive repeats apart', () => {
    const runs = [
      run(9, 'failed', 'transient: X'),
      run(8, 'failed', 'unknown: Y'),
      run(7, 'succeeded'),
      run(6, 'succeeded'),
      run(5, 'failed', 'transient: X'),
    ];
    expect(groupRuns(runs).map((group) => group.count)).toEqual([1, 1, 1, 1, 1]);
  });
});
