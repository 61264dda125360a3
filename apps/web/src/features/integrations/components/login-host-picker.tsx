import { type Ref, useId } from 'react';
import { CUSTOM_HOST, type LoginHostChoice } from '../hooks/use-login-host.ts';

interface LoginHostPickerProps {
  choice: LoginHostChoice;
  label: string;
  disabled?: boolean;
  customInputRef?: Ref<HTMLInputElement>;
}

/** Chooses where the Salesforce sign-in window opens; Custom My Domain asks for its URL. */
export function LoginHostPicker({ choice, label, disabled, customInputRef }: LoginHostPickerProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="login-host">
      <div className="field">
        <label htmlFor={`${id}-host`}>{label}</label>
        <select
          id={`${id}-host`}
          value={choice.hostId}
          disabled={disabled}
          onChange={(event) => choice.setHostId(event.target.value)}
        >
          {choice.hosts.map((host) => (
            <option key={host.id} value={host.id}>
              {host.label}
            </option>
          ))}
        </select>
      </div>
      {choice.hostId === CUSTOM_HOST && (
        <div className="field">
          <label htmlFor={`${id}-url`}>My Domain URL</label>
          <input
            id={`${id}-url`}
            ref={customInputRef}
            type="url"
            inputMode="url"
            placeholder="https://yourdomain.my.salesforce.com"
            value={choice.customUrl}
            disabled={disabled}
            onChange={(event) => choice.setCustomUrl(event.target.value)}
            onBlur={choice.check}
            aria-invalid={choice.error ? true : undefined}
            aria-describedby={choice.error ? errorId : hintId}
          />
          {choice.error ? (
            <p id={errorId} className="field-error">
              {choice.error}
            </p>
          ) : (
            <p id={hintId} className="hint">
              Your Salesforce My Domain, for example https://acme.my.salesforce.com.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
