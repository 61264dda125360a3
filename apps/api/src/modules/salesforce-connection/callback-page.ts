import { type OAuthMessage, type OAuthOutcome, oauthOutcomeText, type SyncObject } from '@ch/contracts';
import type { Response } from 'express';
import { CALLBACK_SCRIPT_PATH } from './get-oauth-callback-script.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * Ends the OAuth round trip. In a popup: post the outcome to the opener, only at our own origin,
 * and close. Without an opener (popup blocked, or opened by hand): go back to the page.
 */
export function finishOAuth(
  res: Response,
  appOrigin: string,
  mode: string | undefined,
  outcome: OAuthOutcome,
  reloaded: readonly SyncObject[] = [],
): void {
  res.setHeader('Cache-Control', 'no-store');
  const objects = reloaded.length > 0 ? `&reloaded=${reloaded.join(',')}` : '';
  const back = `/admin/integrations?salesforce=${outcome}${objects}`;
  if (mode === 'redirect') {
    res.redirect(302, back);
    return;
  }
  const message: OAuthMessage = {
    type: 'cloverhound:salesforce-oauth',
    outcome,
    ...(reloaded.length > 0 ? { reloaded: [...reloaded] } : {}),
  };
  // A data block, not a script: the CSP allows no inline script, and JSON here must not be able
  // to close the tag. The served script (get-oauth-callback-script.ts) reads it.
  const json = JSON.stringify({ message, origin: appOrigin, back }).replace(/</g, '\\u003c');
  const text = escapeHtml(oauthOutcomeText(outcome, reloaded));
  res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Salesforce sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<p role="status">${text}</p><p><a href="${back}">Return to Integrations</a></p>
<script type="application/json" id="oauth-result">${json}</script>
<script src="${CALLBACK_SCRIPT_PATH}"></script>
</body></html>`);
}
