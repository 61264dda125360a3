import type { ObjectSyncView } from '@ch/contracts';
import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../../components/ui/button.tsx';
import { useRetrySync } from '../../api/retry-sync.ts';
import { useTestSync } from '../../api/test-sync.ts';
import { useUpdateSync } from '../../api/update-sync.ts';
import { useSyncDraft } from '../../hooks/use-sync-draft.ts';
import { RecentRuns } from './recent-runs.tsx';
import { RemoveSyncButton } from './remove-sync-button.tsx';
import { SaveError, saveFieldErrors } from './save-error.tsx';
import { SkippedRecords } from './skipped-records.tsx';
import { SyncHealth } from './sync-health.tsx';
import { STATUS_CLASS, STATUS_TEXT, usedByText } from './sync-labels.ts';
import { SyncMethodFields } from './sync-method-fields.tsx';

interface SyncRowProps {
  sync: ObjectSyncView;
  /** Just added: take focus, since the button that added it is gone. */
  focusOnMount: boolean;
  onRemoved: () => void;
}

/** One object's sync in the modal: its settings form, its health and its recent runs. */
export function SyncRow({ sync, focusOnMount, onRemoved }: SyncRowProps) {
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const { draft, dirty, clear, ...edit } = useSyncDraft(sync);
  const update = useUpdateSync();
  const test = useTestSync();
  const retry = useRetrySync();
  const usedBy = usedByText(sync.dataSourceCount);

  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);

  const save = () => update.mutate({ object: sync.object, changes: draft }, { onSuccess: () => clear() });
  const runTest = () =>
    test.mutate(sync.object, {
      // The user guide promises the result in a browser alert.
      onSuccess: (result) => window.alert(result.message),
      onError: (error) => window.alert(`The ${sync.object} test could not run: ${error.message}`),
    });

  return (
    <section ref={ref} className="sync-row" aria-labelledby={headingId} tabIndex={-1}>
      <header className="sync-row-head">
        <h3 id={headingId}>{sync.object}</h3>
        <span className={`status-badge ${STATUS_CLASS[sync.status]}`}>{STATUS_TEXT[sync.status]}</span>
        {usedBy && <span className="sync-used-by">{usedBy}</span>}
        {dirty && <span className="unsaved">Unsaved changes</span>}
        <RemoveSyncButton sync={sync} onRemoved={onRemoved} />
      </header>

      <SyncMethodFields
        draft={draft}
        fieldErrors={saveFieldErrors(update.error)}
        disabled={update.isPending}
        onMethod={edit.setMethod}
        onInterval={edit.setInterval}
        onEnabled={edit.setEnabled}
      />
      <div className="sync-row-actions">
        <Button onClick={save} disabled={!dirty} loading={update.isPending}>
          Save
        </Button>
        <Button variant="secondary" onClick={runTest} loading={test.isPending}>
          {test.isPending ? 'Testing…' : 'Test'}
        </Button>
        {dirty && <span className="hint">Test checks the saved settings.</span>}
      </div>
      {update.isError && <SaveError object={sync.object} error={update.error} onDismiss={update.reset} />}
      {retry.isError && (
        <p className="field-error" role="alert">
          Could not retry: {retry.error.message}
        </p>
      )}

      <SyncHealth sync={sync} retrying={retry.isPending} onRetry={() => retry.mutate(sync.object)} />
      <SkippedRecords skipped={sync.skipped} />
      <RecentRuns runs={sync.recentRuns} />
    </section>
  );
}
