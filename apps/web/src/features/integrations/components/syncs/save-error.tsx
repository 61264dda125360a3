import { Alert } from '../../../../components/ui/alert.tsx';
import { isApiError } from '../../../../lib/api-client.ts';
import { errorText } from '../../api/error-text.ts';
import { FIELD_LABEL } from './sync-labels.ts';

/** A refused save's messages by field (`method`, `intervalMinutes`, `enabled`), for the controls. */
export function saveFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error, 400)) return {};
  return Object.fromEntries(
    error.issues.filter((issue) => FIELD_LABEL[issue.path]).map((issue) => [issue.path, issue.message]),
  );
}

interface SaveErrorProps {
  object: string;
  error: Error;
  onDismiss: () => void;
}

/**
 * Beside the row's buttons. A refused field's message is shown under that field only; this says
 * which fields to fix, or the server's message when no field is named.
 */
export function SaveError({ object, error, onDismiss }: SaveErrorProps) {
  const fields = Object.keys(saveFieldErrors(error)).map((path) => FIELD_LABEL[path]);
  return (
    <Alert tone="error" title={`Could not save the ${object} sync`} onDismiss={onDismiss}>
      <p>
        {fields.length > 0
          ? `Fix ${fields.length === 1 ? 'the field' : 'the fields'} marked above: ${fields.join(', ')}.`
          : errorText(error)}
      </p>
    </Alert>
  );
}
