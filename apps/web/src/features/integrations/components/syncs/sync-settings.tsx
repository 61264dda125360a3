import type { SyncObject } from '@ch/contracts';
import { useRef, useState } from 'react';
import { Alert } from '../../../../components/ui/alert.tsx';
import { Button } from '../../../../components/ui/button.tsx';
import { Dialog } from '../../../../components/ui/dialog.tsx';
import { Loading } from '../../../../components/ui/loading.tsx';
import { useSyncs } from '../../api/get-syncs.ts';
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
  const listRef = useRef<HTMLDivElement>(null);

  if (syncs.isPending) return <Loading label="Loading syncs…" />;
  if (syncs.isError) {
    return (
      <Alert tone="error" title="Could not load the syncs">
        <p>{syncs.error.message}</p>
        <Button variant="secondary" onClick={() => syncs.refetch()} loading={syncs.isFetching}>
          Try again
        </Button>
      </Alert>
    );
  }
  const list = syncs.data.syncs;
  return (
    <div className="sync-settings" ref={listRef} tabIndex={-1}>
      <p className="muted">
        Choose which Salesforce objects Cloverhound Cloud keeps in sync. A new sync starts disabled: choose a
        method, turn it on, then Save.
      </p>
      <AddObject syncs={list} onAdded={setAdded} />
      {list.length === 0 ? (
        <p className="empty-syncs">No objects are synced yet.</p>
      ) : (
        list.map((sync) => (
          <SyncRow
            key={sync.object}
            sync={sync}
            focusOnMount={sync.object === added}
            // The removed row took the focused button with it; keep focus inside the modal.
            onRemoved={() => listRef.current?.focus()}
          />
        ))
      )}
    </div>
  );
}
