import type { ObjectSyncView } from '@ch/contracts';
import { useId } from 'react';
import { formatWhen } from '../../../../lib/format-date.ts';
import { errorText } from '../../api/error-text.ts';
import { useSyncs } from '../../api/list-syncs.ts';
import { FailureMessage } from './failure-message.tsx';
import {
  formatCount,
  METHOD_SHORT,
  notStarted,
  notStartedHint,
  recordsText,
  statusBadge,
} from './sync-labels.ts';

/**
 * Below the card's buttons: one line per configured object with its status, method and switch,
 * as the user guide describes. Nothing at all until an object is added.
 */
export function SyncSummary() {
  const headingId = useId();
  const syncs = useSyncs();
  if (syncs.isError) {
    return (
      <p className="field-error" role="alert">
        Could not load the sync status: {errorText(syncs.error)}
      </p>
    );
  }
  if (!syncs.data || syncs.data.syncs.length === 0) return null;
  return (
    <section className="sync-summary" aria-labelledby={headingId}>
      <h3 id={headingId}>Sync status</h3>
      <ul>
        {syncs.data.syncs.map((sync) => (
          <SummaryLine key={sync.object} sync={sync} />
        ))}
      </ul>
    </section>
  );
}

function SummaryLine({ sync }: { sync: ObjectSyncView }) {
  const badge = statusBadge(sync);
  // While the first load runs its progress says how many records there are; the count would repeat it.
  const facts = [
    notStarted(sync) && `to start it: ${notStartedHint(sync)}`,
    sync.status === 'paused' && 'waiting for a working Salesforce connection',
    sync.progress && `first load: ${formatCount(sync.progress.done)} of ${recordsText(sync.progress.total)}`,
    !sync.progress && sync.recordCount !== null && recordsText(sync.recordCount),
    sync.lastSuccessAt && `last synced ${formatWhen(sync.lastSuccessAt)}`,
  ].filter(Boolean);
  return (
    <li className="sync-summary-line">
      <span className="sync-summary-main">
        <strong>{sync.object}</strong>
        <span className={`status-badge ${badge.className}`}>
          <span className="visually-hidden">Status </span>
          {badge.text}
        </span>
        <span className="sync-summary-method">
          <span className="visually-hidden">Method </span>
          {sync.method ? (
            METHOD_SHORT[sync.method]
          ) : (
            <>
              <span aria-hidden="true">—</span>
              <span className="visually-hidden">not chosen</span>
            </>
          )}
        </span>
        <span className={`sync-onoff ${sync.enabled ? 'is-on' : 'is-off'}`}>
          <span className="visually-hidden">Enabled </span>
          {sync.enabled ? 'On' : 'Off'}
        </span>
      </span>
      {facts.length > 0 && <span className="muted sync-summary-facts">{facts.join(' · ')}</span>}
      {sync.status === 'error' && sync.lastError && (
        <span className="sync-summary-error">
          <FailureMessage recorded={sync.lastError} prefix="Last error: " />
        </span>
      )}
    </li>
  );
}
