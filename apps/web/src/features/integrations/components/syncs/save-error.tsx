import { Alert } from '../../../../components/ui/alert.tsx';
import { isApiError } from '../../../../lib/api-client.ts';
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

/** Beside the row: each refused field by its label, or the server's message when no field is named. */
export function SaveError({ object, error, onDismiss }: SaveErrorProps) {
  const issues = isApiError(error) ? error.issues.filter((issue) => FIELD_LABEL[issue.path]) : [];
  return (
    <Alert tone="error" title={`Could not save the ${object} sync`} onDismiss={onDismiss}>
      {issues.length > 0 ? (
        <ul className="issue-list">
          {issues.map((issue) => (
            <li key={issue.path}>
              <strong>{FIELD_LABEL[issue.path]}:</strong> {issue.message}
            </li>
          ))}
        </ul>
      ) : (
        <p>{error.message}</p>
      )}
    </Alert>
  );
}
