import type { SyncRunView } from '@ch/contracts';
import { useId } from 'react';
import { formatWhen } from '../../../../lib/format-date.ts';
import { FailureMessage } from './failure-message.tsx';
import { groupRuns, type RunGroup } from './run-groups.ts';
import { formatCount, runKindText, runOutcomeText } from './sync-labels.ts';

/** The last few runs, newest first: enough to see whether a sync is working, and why not. */
interface RecentRunsProps {
  runs: SyncRunView[];
  /** The error the row already shows above (a tripped breaker's): runs refer to it, not repeat it. */
  shownError?: string | null;
}

export function RecentRuns({ runs, shownError = null }: RecentRunsProps) {
  const headingId = useId();
  if (runs.length === 0) return <p className="muted sync-runs-empty">No runs yet.</p>;
  return (
    <div className="sync-runs">
      <h4 id={headingId}>Recent runs</h4>
      <ul aria-labelledby={headingId}>
        {groupRuns(runs).map((group) => (
          <RunLine
            key={`${group.latest.startedAt}-${group.latest.kind}`}
            group={group}
            shownError={shownError}
          />
        ))}
      </ul>
    </div>
  );
}

function RunLine({ group, shownError }: { group: RunGroup; shownError: string | null }) {
  const { latest: run, count, since } = group;
  return (
    <li className={`run run-${run.outcome}`}>
      <span className="run-what">
        {runKindText(run)} <span className="run-outcome">{runOutcomeText(run)}</span>
        {count > 1 && <span className="run-count"> {count} times</span>}
      </span>
      <span className="muted">
        {count > 1 && 'since '}
        <time dateTime={count > 1 ? since : run.startedAt}>
          {formatWhen(count > 1 ? since : run.startedAt)}
        </time>
      </span>
      {/* Counts of a run still going would move under a progress bar: only finished work is counted. */}
      {run.outcome === 'succeeded' && <span className="muted">{changesText(run)}</span>}
      {run.error && (
        <span className="run-error">
          {run.error === shownError ? (
            'The last error, shown above.'
          ) : (
            <FailureMessage recorded={run.error} />
          )}
        </span>
      )}
    </li>
  );
}

function changesText(run: SyncRunView): string {
  if (run.upserted === 0 && run.deleted === 0) return 'no changes';
  return `${formatCount(run.upserted)} added or updated · ${formatCount(run.deleted)} deleted`;
}
