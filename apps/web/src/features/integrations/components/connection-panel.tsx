import type { SalesforceCard } from '@ch/contracts';
import { type Ref, useId } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import type { LoginHostChoice } from '../hooks/use-login-host.ts';
import { LoginHostPicker } from './login-host-picker.tsx';
import { SyncSettings } from './syncs/sync-settings.tsx';
import { SyncSummary } from './syncs/sync-summary.tsx';

interface ConnectionPanelProps {
  integration: SalesforceCard;
  loginHost: LoginHostChoice;
  customUrlRef: Ref<HTMLInputElement>;
  /** The panel's heading, where focus goes once a new connection shows. */
  headingRef: Ref<HTMLHeadingElement>;
  /** A sign-in window is open (Set up or Reset Token). */
  waiting: boolean;
  resetting: boolean;
  disconnecting: boolean;
  onReset: () => void;
  onDisconnect: () => void;
}

/** Said once, beside the button that signs in again. */
export const APPROVALS_HINT =
  'Salesforce keeps at most five sign-ins per Salesforce user for Cloverhound Cloud: signing in a sixth time ends the oldest one.';

/** Connected, or connected with a token Salesforce stopped accepting (needs reconnect). */
export function ConnectionPanel(props: ConnectionPanelProps) {
  const { integration, loginHost, customUrlRef, waiting, resetting, disconnecting } = props;
  const headingId = useId();
  const resetHintId = useId();
  const healthy = integration.status === 'connected';
  const connection = integration.connection;

  return (
    <>
      <section
        className={`connection-panel ${healthy ? 'connection-ok' : 'connection-broken'}`}
        aria-labelledby={headingId}
      >
        <h3 id={headingId} ref={props.headingRef} tabIndex={-1}>
          {healthy ? 'Connected to Salesforce' : 'Salesforce must be reconnected'}
        </h3>
        {!healthy && (
          <p>
            The stored Salesforce token stopped working, so syncs are paused until you reconnect. Click Reset
            Token and sign in again; your sync settings are kept.
          </p>
        )}
        {connection && (
          <dl className="connection-details">
            <div>
              <dt>Instance</dt>
              <dd>{connection.instanceUrl}</dd>
            </div>
            <div>
              <dt>Salesforce User</dt>
              <dd>{connection.username}</dd>
            </div>
          </dl>
        )}
      </section>

      {/* The sign-in host applies to Reset Token only, so it sits beside it. */}
      <div className="setup-row">
        <LoginHostPicker
          choice={loginHost}
          label="Sign in at"
          disabled={waiting}
          customInputRef={customUrlRef}
        />
        <Button
          variant={healthy ? 'secondary' : 'primary'}
          onClick={props.onReset}
          loading={resetting}
          disabled={waiting || disconnecting}
          aria-describedby={resetHintId}
        >
          Reset Token
        </Button>
        <p id={resetHintId} className="hint setup-hint">
          {APPROVALS_HINT}
        </p>
      </div>
      <div className="card-actions">
        {healthy && <SyncSettings />}
        <Button variant="danger" onClick={props.onDisconnect} loading={disconnecting} disabled={waiting}>
          Disconnect
        </Button>
      </div>
      <SyncSummary />
    </>
  );
}
