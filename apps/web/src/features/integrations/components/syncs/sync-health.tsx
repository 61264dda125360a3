import type { ObjectSyncView } from '@ch/contracts';
import { useId } from 'react';
import { Button } from '../../../../components/ui/button.tsx';
import { formatWhen } from '../../../../lib/format-date.ts';
import { FailureMessage } from './failure-message.tsx';
import { formatCount, notStarted, notStartedHint, recordsText } from './sync-labels.ts';

interface SyncHealthProps {
  sync: ObjectSyncView;
  retrying: boolean;
  onRetry: () => void;
}

/** What the sync has done: the first load's progress, records held, last success, and a tripped breaker. */
export function SyncHealth({ sync, retrying, onRetry }: SyncHealthProps) {
  const { progress } = sync;
  const labelId = useId();
  const counted = progress && `${formatCount(progress.done)} of ${formatCount(progress.total)} records`;
  // A Bulk API job gathers the records in Salesforce before any is stored.
  const progressText = progress?.preparing ? `Salesforce is preparing ${counted}` : counted || undefined;
  // The progress bar already says how many records there are while the first load runs.
  const facts = [
    !progress && sync.recordCount !== null && recordsText(sync.recordCount),
    sync.lastSuccessAt && `Last successful sync ${formatWhen(sync.lastSuccessAt)}`,
  ].filter(Boolean);

  return (
    <div className="sync-health">
      {sync.status === 'error' && (
        <div className="sync-error" role="alert">
          <div>
            <strong>Stopped after repeated failures.</strong>{' '}
            {sync.lastError ? (
              <FailureMessage recorded={sync.lastError} prefix="Last error: " />
            ) : (
              'No error was recorded.'
            )}
          </div>
          <Button variant="secondary" onClick={onRetry} loading={retrying}>
            Retry
          </Button>
        </div>
      )}
      {sync.status === 'paused' && (
        <p className="muted">Paused: Salesforce is not connected. Set up or Reset Token to resume.</p>
      )}
      {notStarted(sync) && <p className="muted">To start it: {notStartedHint(sync)}.</p>}
      {progress && (
        <div className="sync-progress">
          <span id={labelId}>First load</span>
          <div
            className="progress"
            role="progressbar"
            aria-labelledby={labelId}
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={progressText}
          >
            <span className="progress-fill" style={{ width: `${percent(progress)}%` }} />
          </div>
          <span>{progressText}</span>
        </div>
      )}
      {facts.length > 0 && <p className="muted">{facts.join(' · ')}</p>}
    </div>
  );
}

const percent = ({ done, total }: { done: number; total: number }) =>
  total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
