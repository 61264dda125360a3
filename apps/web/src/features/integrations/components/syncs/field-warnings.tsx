import type { ObjectSyncView } from '@ch/contracts';
import { Button } from '../../../../components/ui/button.tsx';
import { useDeleteFieldWarnings } from '../../api/delete-field-warnings.ts';
import { errorText } from '../../api/error-text.ts';

/**
 * Fields the sync removed by itself because Salesforce stopped letting it read them, in plain
 * words, until the admin says OK. The sync kept running; this is news, not a failure.
 */
export function FieldWarnings({ sync }: { sync: ObjectSyncView }) {
  const dismiss = useDeleteFieldWarnings();
  if (sync.fieldWarnings.length === 0) return null;
  return (
    <div className="field-warnings" role="status">
      <ul>
        {sync.fieldWarnings.map((warning) => (
          <li key={warning.field}>{warning.message}.</li>
        ))}
      </ul>
      <Button
        variant="secondary"
        aria-label={`OK, dismiss the ${sync.object} field warnings`}
        loading={dismiss.isPending}
        onClick={() => dismiss.mutate(sync.object)}
      >
        OK
      </Button>
      {dismiss.isError && (
        <p className="field-error" role="alert">
          Could not dismiss: {errorText(dismiss.error)}
        </p>
      )}
    </div>
  );
}
