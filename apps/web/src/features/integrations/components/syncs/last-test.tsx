import type { SyncObject } from '@ch/contracts';
import { formatWhen } from '../../../../lib/format-date.ts';
import { lastTestId, type SyncTestRecord } from '../../api/test-sync.ts';

/** The row's last Test: passed or failed, when, and what it said. Focus lands here after the alert. */
export function LastTest({ object, last }: { object: SyncObject; last: SyncTestRecord['last'] }) {
  return (
    <p id={lastTestId(object)} className="last-test" role="status" tabIndex={-1}>
      {last && (
        <>
          <strong className={last.ok ? 'test-passed' : 'test-failed'}>
            Last test {last.ok ? 'passed' : 'failed'}
          </strong>{' '}
          <time dateTime={last.at} className="muted">
            {formatWhen(last.at)}
          </time>
          : {last.message}
        </>
      )}
    </p>
  );
}
