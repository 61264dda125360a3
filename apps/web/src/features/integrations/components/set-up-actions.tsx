import { type Ref, useId } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import type { LoginHostChoice } from '../hooks/use-login-host.ts';
import { LoginHostPicker } from './login-host-picker.tsx';

interface SetUpActionsProps {
  loginHost: LoginHostChoice;
  customUrlRef: Ref<HTMLInputElement>;
  waiting: boolean;
  onSetUp: () => void;
}

/**
 * Connecting a Salesforce org that another organization already uses is allowed (decision 010), so
 * the card says what that means before anyone signs in.
 */
export const SHARED_ORG_HINT =
  'You can connect a Salesforce org that another Cloverhound Cloud organization also uses: each organization keeps its own copy of the data and logs its own call Tasks, and both draw on that org’s daily API request limit.';

/** Not connected: choose where to sign in, then Set up opens the Salesforce window. */
export function SetUpActions({ loginHost, customUrlRef, waiting, onSetUp }: SetUpActionsProps) {
  const hintId = useId();
  return (
    <div className="setup-row">
      <LoginHostPicker
        choice={loginHost}
        label="Salesforce login"
        disabled={waiting}
        customInputRef={customUrlRef}
      />
      <Button onClick={onSetUp} loading={waiting} aria-describedby={hintId}>
        Set up
      </Button>
      <p id={hintId} className="hint setup-hint">
        {SHARED_ORG_HINT}
      </p>
    </div>
  );
}
