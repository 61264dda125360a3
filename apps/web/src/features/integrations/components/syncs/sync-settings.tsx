import type { SyncObject } from '@ch/contracts';
import { useRef, useState } from 'react';
import { QueryStatus } from '../../../../components/query-status.tsx';
import { Button } from '../../../../components/ui/button.tsx';
import { Dialog } from '../../../../components/ui/dialog.tsx';
import { errorText } from '../../api/error-text.ts';
import { useSyncs } from '../../api/list-syncs.ts';
import { AddObject } from './add-object.tsx';
import { SyncRow } from './sync-row.tsx';

/** The Sync Settings button and its modal: which objects are synced, how, and how it is going. */
export function SyncSettings() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Sync Settings
      </Button>
      <Dialog open={open} title="Sync Settings" size="wide" onClose={() => setOpen(false)}>
        {open && <SyncSettingsBody />}
      </Dialog>
    </>
  );
}

function SyncSettingsBody() {
  // Polled while the modal is open, so progress and status move on their own.
  const syncs = useSyncs(true);
  const [added, setAdded] = useState<SyncObject | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);

  if (syncs.isPending || syncs.isError) {
    return (
      <QueryStatus
        query={syncs}
        loading="Loading syncs…"
        failed="Could not load the syncs"
        describeError={errorText}
      />
    );
  }
  const list = syncs.data.syncs;
  return (
    <div className="sync-settings">
      <p className="muted">
        Choose which Salesforce objects Cloverhound Cloud keeps in sync. A new sync starts disabled: choose a
        method, turn it on, then Save.
      </p>
      <AddObject syncs={list} onAdded={setAdded} />
      {/* The removed row took the focused button with it: focus moves here, where the outcome is. */}
      <p ref={noteRef} className="removed-note" role="status" tabIndex={-1}>
        {removed}
      </p>
      {list.length === 0 ? (
        <p className="empty-syncs">No objects are synced yet.</p>
      ) : (
        list.map((sync) => (
          <SyncRow
            key={sync.object}
            sync={sync}
            focusOnMount={sync.object === added}
            onRemoved={(sources) => {
              setRemoved(removedText(sync.object, sources));
              requestAnimationFrame(() => noteRef.current?.focus());
            }}
          />
        ))
      )}
    </div>
  );
}

function removedText(object: SyncObject, sources: number): string {
  if (sources === 0) return `${object} sync removed.`;
  return `${object} sync removed, with ${sources === 1 ? '1 campaign data source' : `${sources} campaign data sources`}.`;
}
