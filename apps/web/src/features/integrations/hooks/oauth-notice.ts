import { errorBody, type OAuthOutcome, oauthOutcomeText, type SyncObject } from '@ch/contracts';
import { ApiError } from '../../../lib/api-client.ts';
import { errorText } from '../api/error-text.ts';

export interface OAuthNotice {
  tone: 'success' | 'error';
  message: string;
  /**
   * Announced but not shown: the card shows the same words already (the "Connected to Salesforce"
   * panel), so focus goes to that panel's heading instead.
   */
  quiet?: boolean;
}

const CONNECTED: readonly OAuthOutcome[] = ['connected', 'reset', 'org_switched'];

export const outcomeNotice = (outcome: OAuthOutcome, reloaded: readonly SyncObject[] = []): OAuthNotice => ({
  tone: CONNECTED.includes(outcome) ? 'success' : 'error',
  message: oauthOutcomeText(outcome, reloaded),
  quiet: outcome === 'connected',
});

export const closedEarlyNotice: OAuthNotice = {
  tone: 'error',
  message: 'The Salesforce window was closed before sign-in finished. Nothing was changed.',
};

/**
 * The sign-in window first opens our own API, which redirects to Salesforce. When the API
 * refuses instead (integrations turned off meanwhile, the session ended), the window would show
 * raw JSON: while it is still on our origin its page can be read, so the refusal is turned into
 * the card's message and the window closed. Once it is at Salesforce, reading it throws.
 */
export function refusalIn(popup: Window): OAuthNotice | null {
  let text: string | null | undefined;
  try {
    if (popup.closed || popup.document.contentType !== 'application/json') return null;
    text = popup.document.body?.textContent;
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return null;
  const { code, message } = parsed.data.error;
  // The body carries no status; the error code maps to one (not_found is 404).
  const status = code === 'not_found' ? 404 : 400;
  return {
    tone: 'error',
    message: `Could not start the Salesforce sign-in: ${errorText(new ApiError(status, code, message))}`,
  };
}
