import type { Ref } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import type { LoginHostChoice } from '../hooks/use-login-host.ts';
import { LoginHostPicker } from './login-host-picker.tsx';

interface SetUpActionsProps {
  loginHost: LoginHostChoice;
  customUrlRef: Ref<HTMLInputElement>;
  waiting: boolean;
  onSetUp: () => void;
}

/** Not connected: choose where to sign in, then Set up opens the Salesforce window. */
export function SetUpActions({ loginHost, customUrlRef, waiting, onSetUp }: SetUpActionsProps) {
  return (
    <div className="setup-row">
      <LoginHostPicker
        choice={loginHost}
        label="Salesforce login"
        disabled={waiting}
        customInputRef={customUrlRef}
      />
      <Button onClick={onSetUp} loading={waiting}>
        Set up
      </Button>
    </div>
  );
}
