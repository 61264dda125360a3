import type { SyncRunView } from '@ch/contracts';
import { useId } from 'react';
import { formatWhen } from '../../../../lib/format-date.ts';
import { runKindText, runOutcomeText } from './sync-labels.ts';

/** The last few runs, newest first: enough to see whether a sync is working, and why not. */
export function RecentRuns({ runs }: { runs: SyncRunView[] }) {
  const headingId = useId();
  if (runs.length === 0) return <p className="muted sync-runs-empty">No runs yet.</p>;
  return (
    <div className="sync-runs">
      <h4 id={headingId}>Recent runs</h4>
      <ul aria-labelledby={headingId}>
        {runs.map((run) => (
          <li key={`${run.startedAt}-${run.kind}`} className={`run run-${run.outcome}`}>
            <span className="run-what">
              {runKindText(run)} <span className="run-outcome">{runOutcomeText(run)}</span>
            </span>
            <time dateTime={run.startedAt} className="muted">
              {formatWhen(run.startedAt)}
            </time>
            <span className="muted">
              {run.upserted} upserted · {run.deleted} deleted
            </span>
            {run.error && <span className="run-error">{run.error}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
