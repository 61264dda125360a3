import { useState } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog } from '../../../components/ui/dialog.tsx';

/**
 * Sync Settings is part of the connected panel, but choosing objects to sync arrives with the
 * next release; until then the button opens a dialog that says so instead of showing fake data.
 */
export function SyncSettingsPlaceholder() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Sync Settings
      </Button>
      <Dialog open={open} title="Sync Settings" onClose={() => setOpen(false)}>
        <p>
          Choosing which Salesforce objects (Contact and Lead) Cloverhound Cloud keeps in sync, and how it
          fetches changes, is coming in the next release.
        </p>
        <p className="muted">Until then, no Salesforce objects are synced.</p>
      </Dialog>
    </>
  );
}
