import type { ObjectSyncView } from '@ch/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../../components/ui/button.tsx';
import { errorText } from '../../api/error-text.ts';
import { useRetrySync } from '../../api/retry-sync.ts';
import { useTestSync } from '../../api/test-sync.ts';
import { useUpdateSync } from '../../api/update-sync.ts';
import { useSyncDraft } from '../../hooks/use-sync-draft.ts';
import { FieldChoice } from './field-choice.tsx';
import { FieldWarnings } from './field-warnings.tsx';
import { LastTest } from './last-test.tsx';
import { RecentRuns } from './recent-runs.tsx';
import { RemoveSyncButton } from './remove-sync-button.tsx';
import { SaveError, saveFieldErrors } from './save-error.tsx';
import { SkippedRecords } from './skipped-records.tsx';
import { SyncHealth } from './sync-health.tsx';
import { statusBadge, usedByText } from './sync-labels.ts';
import { SyncMethodFields } from './sync-method-fields.tsx';

interface SyncRowProps {
  sync: ObjectSyncView;
  /** Just added: take focus, since the button that added it is gone. */
  focusOnMount: boolean;
  onRemoved: (removedDataSources: number) => void;
}

/** One object's sync in the modal: its settings form, its health and its recent runs. */
export function SyncRow({ sync, focusOnMount, onRemoved }: SyncRowProps) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { draft, changes, dirty, clear, ...edit } = useSyncDraft(sync);
  const update = useUpdateSync();
  const test = useTestSync(sync.object);
  const retry = useRetrySync();
  const usedBy = usedByText(sync.dataSourceCount);
  const badge = statusBadge(sync);

  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);

  // Save's button stays, but its outcome is what the admin needs next: focus it, so it is read.
  const showOutcome = () => requestAnimationFrame(() => outcomeRef.current?.focus());
  const save = () => {
    setSaved(null);
    update.mutate(
      { object: sync.object, changes },
      {
        onSuccess: () => {
          clear();
          setSaved(`${sync.object} sync saved.`);
          showOutcome();
        },
        onError: showOutcome,
      },
    );
  };

  return (
    <section ref={ref} className="sync-row" aria-labelledby={headingId} tabIndex={-1}>
      <header className="sync-row-head">
        <h3 id={headingId}>{sync.object}</h3>
        <span className={`status-badge ${badge.className}`}>{badge.text}</span>
        {usedBy && <span className="sync-used-by">{usedBy}</span>}
        {dirty && <span className="unsaved">Unsaved changes</span>}
        <RemoveSyncButton sync={sync} onRemoved={onRemoved} />
      </header>

      <SyncMethodFields
        object={sync.object}
        draft={draft}
        fieldErrors={saveFieldErrors(update.error)}
        disabled={update.isPending}
        onMethod={(method) => {
          setSaved(null);
          edit.setMethod(method);
        }}
        onInterval={edit.setInterval}
        onEnabled={edit.setEnabled}
      />
      <FieldChoice
        object={sync.object}
        chosen={draft.fields}
        disabled={update.isPending}
        onChange={(fields) => {
          setSaved(null);
          edit.setFields(fields);
        }}
      />
      <FieldWarnings sync={sync} />
      <div className="sync-row-actions">
        <Button onClick={save} disabled={!dirty} loading={update.isPending}>
          Save
        </Button>
        <Button variant="secondary" onClick={test.run} loading={test.running}>
          {test.running ? 'Testing…' : 'Test'}
        </Button>
        {dirty && <span className="hint">Test checks the saved settings.</span>}
      </div>
      <div className="row-messages">
        <div ref={outcomeRef} className="row-outcome" tabIndex={-1}>
          {update.isError ? (
            <SaveError object={sync.object} error={update.error} onDismiss={update.reset} />
          ) : (
            <p role="status" className="saved-note">
              {saved && !dirty ? saved : ''}
            </p>
          )}
        </div>
        <LastTest object={sync.object} last={test.last} />
      </div>
      {retry.isError && (
        <p className="field-error" role="alert">
          Could not retry: {errorText(retry.error)}
        </p>
      )}

      <SyncHealth sync={sync} retrying={retry.isPending} onRetry={() => retry.mutate(sync.object)} />
      <SkippedRecords skipped={sync.skipped} />
      <RecentRuns runs={sync.recentRuns} shownError={sync.status === 'error' ? sync.lastError : null} />
    </section>
  );
}
