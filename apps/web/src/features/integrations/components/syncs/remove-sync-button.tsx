import type { ObjectSyncView } from '@ch/contracts';
import { useDeleteSync } from '../../api/delete-sync.ts';
import { errorText } from '../../api/error-text.ts';
import { removeLabel, removePrompt } from './sync-labels.ts';

/** The row's remove icon: asks first, saying how many campaign data sources go with the sync. */
interface RemoveSyncButtonProps {
  sync: ObjectSyncView;
  onRemoved: (removedDataSources: number) => void;
}

export function RemoveSyncButton({ sync, onRemoved }: RemoveSyncButtonProps) {
  const remove = useDeleteSync();
  const onClick = () => {
    if (!window.confirm(removePrompt(sync))) return;
    remove.mutate(sync.object, {
      onSuccess: ({ removedDataSources }) => onRemoved(removedDataSources),
      onError: (error) => window.alert(`Could not remove the ${sync.object} sync: ${errorText(error)}`),
    });
  };
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={removeLabel(sync.object)}
      title={removeLabel(sync.object)}
      onClick={onClick}
      disabled={remove.isPending}
      aria-busy={remove.isPending || undefined}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          fillRule="evenodd"
          d="M9 3h6l1 2h4v2H4V5h4l1-2ZM6 9h12l-1 12H7L6 9Zm3 2v8h2v-8H9Zm4 0v8h2v-8h-2Z"
        />
      </svg>
    </button>
  );
}
