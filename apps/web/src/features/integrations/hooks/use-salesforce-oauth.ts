import { oauthMessage, oauthOutcome, reloadedObjects } from '@ch/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { invalidateSalesforceConnection } from '../api/invalidate-connection.ts';
import { startOAuthUrl } from '../api/start-oauth.ts';
import { closedEarlyNotice, type OAuthNotice, outcomeNotice, refusalIn } from './oauth-notice.ts';
import { pageNavigation } from './page-navigation.ts';

export type OAuthPurpose = 'connect' | 'reset';

const POPUP_NAME = 'salesforce-oauth';
const POPUP_FEATURES = 'popup=yes,width=520,height=720';
const POLL_MS = 400;

/**
 * Set up and Reset Token: a sign-in window whose callback page posts the outcome back here.
 * Falls back to a full-page redirect when the browser blocks the window; the API then returns
 * to `/admin/integrations?salesforce=<outcome>`, which this hook also reads.
 */
export function useSalesforceOAuth() {
  const queryClient = useQueryClient();
  const [waitingFor, setWaitingFor] = useState<OAuthPurpose | null>(null);
  const [notice, setNotice] = useState<OAuthNotice | null>(null);
  const pollRef = useRef<number | undefined>(undefined);

  const finish = useCallback(
    (next: OAuthNotice) => {
      window.clearInterval(pollRef.current);
      pollRef.current = undefined;
      setWaitingFor(null);
      setNotice(next);
      void invalidateSalesforceConnection(queryClient);
    },
    [queryClient],
  );

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Only our own callback page may report an outcome; any other window is ignored.
      if (event.origin !== window.location.origin) return;
      const parsed = oauthMessage.safeParse(event.data);
      if (parsed.success) finish(outcomeNotice(parsed.data.outcome, parsed.data.reloaded));
    };
    window.addEventListener('message', onMessage);
    return () => {
      window.removeEventListener('message', onMessage);
      window.clearInterval(pollRef.current);
    };
  }, [finish]);

  useRedirectOutcome(finish);

  const start = (purpose: OAuthPurpose, loginHost: string) => {
    setNotice(null);
    // Opened synchronously inside the click, or the browser treats it as an unrequested popup.
    const popup = window.open(
      startOAuthUrl({ purpose, loginHost, mode: 'popup' }),
      POPUP_NAME,
      POPUP_FEATURES,
    );
    if (!popup) {
      pageNavigation.assign(startOAuthUrl({ purpose, loginHost, mode: 'redirect' }));
      return;
    }
    popup.focus();
    setWaitingFor(purpose);
    window.clearInterval(pollRef.current);
    let closedTicks = 0;
    pollRef.current = window.setInterval(() => {
      const refused = refusalIn(popup);
      if (refused) {
        popup.close();
        finish(refused);
        return;
      }
      if (!popup.closed) return;
      // The callback page posts its message just before it closes: give it one more tick to land.
      closedTicks += 1;
      if (closedTicks > 1) finish(closedEarlyNotice);
    }, POLL_MS);
  };

  return { start, waitingFor, notice, dismissNotice: () => setNotice(null), setNotice };
}

/** Shows the outcome a full-page redirect brought back, then drops it from the URL. */
function useRedirectOutcome(finish: (notice: OAuthNotice) => void) {
  const [searchParams, setSearchParams] = useSearchParams();
  const returned = searchParams.get('salesforce');
  const reloaded = searchParams.get('reloaded') ?? '';
  useEffect(() => {
    if (returned === null) return;
    const parsed = oauthOutcome.safeParse(returned);
    const objects = reloadedObjects.safeParse(reloaded);
    if (parsed.success) finish(outcomeNotice(parsed.data, objects.success ? objects.data : []));
    // Replace, so reloading or going back does not show the message again.
    setSearchParams(
      (params) => {
        params.delete('salesforce');
        params.delete('reloaded');
        return params;
      },
      { replace: true },
    );
  }, [returned, reloaded, finish, setSearchParams]);
}
