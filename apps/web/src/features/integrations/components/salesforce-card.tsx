import type { SalesforceCard as SalesforceCardData } from '@ch/contracts';
import { useId, useRef } from 'react';
import { Alert } from '../../../components/ui/alert.tsx';
import { Loading } from '../../../components/ui/loading.tsx';
import { useDisconnectSalesforce } from '../api/disconnect-salesforce.ts';
import { errorText, INTEGRATIONS_OFF } from '../api/error-text.ts';
import type { OAuthNotice } from '../hooks/oauth-notice.ts';
import { useLoginHost } from '../hooks/use-login-host.ts';
import { type OAuthPurpose, useSalesforceOAuth } from '../hooks/use-salesforce-oauth.ts';
import { ConnectionPanel } from './connection-panel.tsx';
import { SetUpActions } from './set-up-actions.tsx';
import { SyncSummary } from './syncs/sync-summary.tsx';
import { useOutcomeFocus } from './use-outcome-focus.ts';

export const DISCONNECT_PROMPT = 'Are you sure you want to disconnect Salesforce?';

const STATUS_BADGE = {
  not_connected: { text: 'Not connected', className: 'status-neutral' },
  connected: { text: 'Connected', className: 'status-success' },
  needs_reconnect: { text: 'Needs reconnect', className: 'status-warning' },
} as const;

const OFF_NOTICE: OAuthNotice = { tone: 'error', message: INTEGRATIONS_OFF };

interface SalesforceCardProps {
  integration: SalesforceCardData;
  /** The organization's integrations flag was turned off since the page loaded. */
  integrationsOff?: boolean;
}

export function SalesforceCard({ integration, integrationsOff = false }: SalesforceCardProps) {
  const titleId = useId();
  const oauth = useSalesforceOAuth();
  const loginHost = useLoginHost(integration.loginHosts, integration.defaultLoginHost);
  const customUrlRef = useRef<HTMLInputElement>(null);
  const disconnect = useDisconnectSalesforce();
  const badge = STATUS_BADGE[integration.status];
  const notice = integrationsOff ? OFF_NOTICE : oauth.notice;
  const focus = useOutcomeFocus(notice, integration.status);

  const begin = (purpose: OAuthPurpose) => {
    const host = loginHost.resolve();
    if (host === null) {
      customUrlRef.current?.focus();
      return;
    }
    oauth.start(purpose, host);
  };

  const onDisconnect = () => {
    if (!window.confirm(DISCONNECT_PROMPT)) return;
    oauth.dismissNotice();
    disconnect.mutate(undefined, {
      onSuccess: () => oauth.setNotice({ tone: 'success', message: 'Salesforce was disconnected.' }),
      onError: (error) =>
        oauth.setNotice({ tone: 'error', message: `Could not disconnect Salesforce: ${errorText(error)}` }),
    });
  };

  return (
    <article className="card integration-card" aria-labelledby={titleId}>
      <div className="integration-head">
        <span className="integration-logo" aria-hidden="true">
          SF
        </span>
        <div>
          <h2 id={titleId}>{integration.name}</h2>
          <p className={`status-badge ${badge.className}`}>{badge.text}</p>
        </div>
      </div>
      <p className="integration-description">{integration.description}</p>

      {/* Where focus goes after Set up, Reset Token and Disconnect: the outcome, read on arrival. */}
      <div ref={focus.noticeRef} className="card-outcome" tabIndex={-1}>
        {notice?.quiet ? (
          <p className="visually-hidden" role="status">
            {notice.message}
          </p>
        ) : notice ? (
          <Alert tone={notice.tone} onDismiss={integrationsOff ? undefined : oauth.dismissNotice} announce>
            {notice.message}
          </Alert>
        ) : null}
      </div>

      {integrationsOff ? null : integration.status === 'not_connected' ? (
        <>
          <SetUpActions
            loginHost={loginHost}
            customUrlRef={customUrlRef}
            waiting={oauth.waitingFor !== null}
            onSetUp={() => begin('connect')}
          />
          {/* Syncs outlive a disconnect (paused, settings kept), so their status stays in view. */}
          <SyncSummary />
        </>
      ) : (
        <ConnectionPanel
          integration={integration}
          loginHost={loginHost}
          customUrlRef={customUrlRef}
          headingRef={focus.headingRef}
          waiting={oauth.waitingFor !== null}
          resetting={oauth.waitingFor === 'reset'}
          disconnecting={disconnect.isPending}
          onReset={() => begin('reset')}
          onDisconnect={onDisconnect}
        />
      )}
      {oauth.waitingFor && <Loading label="Waiting for Salesforce sign-in…" />}
    </article>
  );
}
