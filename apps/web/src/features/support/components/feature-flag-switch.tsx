import type { FeatureKey } from '@ch/contracts';
import { Switch } from '../../../components/ui/switch.tsx';
import { useSetFeatureFlag } from '../api/set-feature-flag.ts';

interface FeatureFlagSwitchProps {
  orgId: string;
  orgName: string;
  flagKey: FeatureKey;
  enabled: boolean;
  /** Called as a toggle starts, so an old failure message does not linger beside a new attempt. */
  onToggle: () => void;
  onError: (message: string) => void;
}

/** One mutation per switch, so each shows its own pending state and clicks cannot pile up. */
export function FeatureFlagSwitch({
  orgId,
  orgName,
  flagKey,
  enabled,
  onToggle,
  onError,
}: FeatureFlagSwitchProps) {
  const mutation = useSetFeatureFlag();
  return (
    <Switch
      checked={enabled}
      label={`${flagKey} for ${orgName}`}
      disabled={mutation.isPending}
      aria-busy={mutation.isPending || undefined}
      onCheckedChange={(next) => {
        onToggle();
        mutation.mutate(
          { orgId, key: flagKey, enabled: next },
          {
            onError: (error) =>
              onError(`Could not turn ${flagKey} ${next ? 'on' : 'off'} for ${orgName}: ${error.message}`),
          },
        );
      }}
    />
  );
}
