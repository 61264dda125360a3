import type { ObjectSyncView } from '@ch/contracts';
import { formatWhen } from '../../../../lib/format-date.ts';
import { formatCount, recordsText } from './sync-labels.ts';

/**
 * Records Salesforce sent that the local copy could not store: the sync went on without them.
 * Collapsed to one line ("2 records skipped"); opening it lists each record with the reason.
 */
export function SkippedRecords({ skipped }: { skipped: ObjectSyncView['skipped'] }) {
  if (skipped.count === 0) return null;
  const more = skipped.count - skipped.records.length;
  return (
    <details className="sync-skipped">
      <summary>{skippedText(skipped.count)}</summary>
      <ul>
        {skipped.records.map((skip) => (
          <li key={skip.recordId}>
            <code>{skip.recordId}</code>: {skip.reason}{' '}
            <time dateTime={skip.skippedAt} className="muted">
              {formatWhen(skip.skippedAt)}
            </time>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">and {formatCount(more)} more</p>}
    </details>
  );
}

export const skippedText = (n: number) => `${recordsText(n)} skipped`;
