import type { SyncMethod, SyncObject } from '@ch/contracts';
import { useId } from 'react';
import { Switch } from '../../../../components/ui/switch.tsx';
import type { SyncSettingsDraft } from '../../hooks/use-sync-draft.ts';
import { INTERVALS, METHOD_LABEL } from './sync-labels.ts';

interface SyncMethodFieldsProps {
  object: SyncObject;
  draft: SyncSettingsDraft;
  /** Field messages from a refused save, keyed by the API's issue path. */
  fieldErrors: Record<string, string>;
  disabled: boolean;
  onMethod: (method: SyncMethod) => void;
  onInterval: (minutes: number | null) => void;
  onEnabled: (enabled: boolean) => void;
}

const METHODS: SyncMethod[] = ['CDC', 'REST'];

/** Method, interval (REST Polling only) and the enable switch of one object row. */
export function SyncMethodFields({ object, draft, fieldErrors, disabled, ...on }: SyncMethodFieldsProps) {
  const id = useId();
  const errorId = (field: string) => (fieldErrors[field] ? `${id}-${field}-error` : undefined);
  const invalid = (field: string) => (fieldErrors[field] ? true : undefined);
  const fieldError = (field: string) =>
    fieldErrors[field] && (
      <p id={errorId(field)} className="field-error">
        {fieldErrors[field]}
      </p>
    );

  return (
    <div className="sync-fields">
      <fieldset className="sync-method" aria-describedby={errorId('method')} aria-invalid={invalid('method')}>
        <legend>Sync method</legend>
        {METHODS.map((method) => (
          <label key={method} className="radio">
            <input
              type="radio"
              name={`${id}-method`}
              value={method}
              checked={draft.method === method}
              disabled={disabled}
              onChange={() => on.onMethod(method)}
            />
            {METHOD_LABEL[method]}
          </label>
        ))}
        {fieldError('method')}
      </fieldset>

      {draft.method === 'REST' && (
        <div className="field sync-interval">
          <label htmlFor={`${id}-interval`}>Interval</label>
          <select
            id={`${id}-interval`}
            value={draft.intervalMinutes ?? ''}
            disabled={disabled}
            aria-invalid={invalid('intervalMinutes')}
            aria-describedby={errorId('intervalMinutes')}
            onChange={(event) => on.onInterval(event.target.value ? Number(event.target.value) : null)}
          >
            <option value="">Choose an interval</option>
            {INTERVALS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes} minutes
              </option>
            ))}
          </select>
          {fieldError('intervalMinutes')}
        </div>
      )}

      <div className="field sync-enabled">
        {/* The visible label; the switch's name adds the object, as both rows have one. */}
        <span className="field-label" aria-hidden="true">
          Enabled
        </span>
        <Switch
          label={`Enabled: ${object}`}
          checked={draft.enabled}
          disabled={disabled}
          onCheckedChange={on.onEnabled}
          aria-invalid={invalid('enabled')}
          aria-describedby={errorId('enabled')}
        />
        {fieldError('enabled')}
      </div>
    </div>
  );
}
