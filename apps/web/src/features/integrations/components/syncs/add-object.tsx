import { type ObjectSyncView, type SyncObject, syncObjects } from '@ch/contracts';
import { Alert } from '../../../../components/ui/alert.tsx';
import { Button } from '../../../../components/ui/button.tsx';
import { useCreateSync } from '../../api/create-sync.ts';
import { errorText } from '../../api/error-text.ts';

interface AddObjectProps {
  syncs: ObjectSyncView[];
  onAdded: (object: SyncObject) => void;
}

/** One button per supported object not yet synced; a click creates its sync, disabled. */
export function AddObject({ syncs, onAdded }: AddObjectProps) {
  const add = useCreateSync();
  const missing = syncObjects.filter((object) => !syncs.some((sync) => sync.object === object));

  if (missing.length === 0) {
    return <p className="muted">Every object Cloverhound Cloud supports (Contact and Lead) is added.</p>;
  }
  return (
    <div className="add-object">
      <fieldset className="add-object-controls">
        <legend>Add an object</legend>
        {missing.map((object) => (
          <Button
            key={object}
            variant="secondary"
            loading={add.isPending && add.variables === object}
            disabled={add.isPending}
            onClick={() => add.mutate(object, { onSuccess: () => onAdded(object) })}
          >
            <span aria-hidden="true">+ </span>
            {object}
          </Button>
        ))}
      </fieldset>
      {add.isError && (
        <Alert tone="error" onDismiss={add.reset}>
          Could not add {add.variables}: {errorText(add.error)}
        </Alert>
      )}
    </div>
  );
}
