import type { SyncRunView } from '@ch/contracts';

/** Runs in a row (newest first) that ended the same way with the same error, shown as one line. */
export interface RunGroup {
  latest: SyncRunView;
  count: number;
  /** The oldest run of the group, for "5 times since 10:02". */
  since: string;
}

const sameEnding = (a: SyncRunView, b: SyncRunView) =>
  a.error !== null && a.kind === b.kind && a.outcome === b.outcome && a.error === b.error;

/** Groups consecutive identical failures, so one error repeated five times reads once. */
export function groupRuns(runs: SyncRunView[]): RunGroup[] {
  const groups: RunGroup[] = [];
  for (const run of runs) {
    const last = groups.at(-1);
    if (last && sameEnding(last.latest, run)) {
      last.count += 1;
      last.since = run.startedAt;
    } else {
      groups.push({ latest: run, count: 1, since: run.startedAt });
    }
  }
  return groups;
}
