import type { ApiKeyView } from '@ch/contracts';
import { Button } from '../../../components/ui/button.tsx';
import { useRevokeApiKey } from '../api/revoke-api-key.ts';
import { revokePrompt } from './scope-labels.ts';

/** Asks first: a revoked key fails on the client's very next request, and cannot be restored. */
export function RevokeKeyButton({ apiKey }: { apiKey: ApiKeyView }) {
  const revoke = useRevokeApiKey();
  const onClick = () => {
    if (!window.confirm(revokePrompt(apiKey.name))) return;
    revoke.mutate(apiKey.id);
  };
  return (
    <div className="revoke-cell">
      <Button
        variant="danger"
        onClick={onClick}
        loading={revoke.isPending}
        aria-label={`Revoke ${apiKey.name}`}
      >
        Revoke
      </Button>
      {revoke.isError && (
        <p className="field-error" role="alert">
          Could not revoke: {revoke.error.message}
        </p>
      )}
    </div>
  );
}
