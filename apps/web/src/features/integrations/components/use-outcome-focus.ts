import type { SalesforceCard } from '@ch/contracts';
import { useEffect, useRef } from 'react';
import type { OAuthNotice } from '../hooks/oauth-notice.ts';

/**
 * After Set up, Reset Token or Disconnect the button that was pressed is often gone (the card
 * changed state), so focus would fall to the page body. It goes to the outcome instead: the
 * notice, or for a new connection the "Connected to Salesforce" heading once the card shows it.
 */
export function useOutcomeFocus(notice: OAuthNotice | null, status: SalesforceCard['status']) {
  const noticeRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pending = useRef(false);

  useEffect(() => {
    if (notice) pending.current = true;
  }, [notice]);

  // Also re-checked when the card's status changes: the connected panel arrives after the notice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: status is the trigger, read through the refs
  useEffect(() => {
    if (!pending.current || !notice) return;
    const target = notice.quiet ? headingRef.current : noticeRef.current;
    if (!target) return;
    pending.current = false;
    target.focus();
  }, [notice, status]);

  return { noticeRef, headingRef };
}
