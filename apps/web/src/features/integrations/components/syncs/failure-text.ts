/**
 * The one place a sync failure becomes a sentence an admin can act on. The API records a failure
 * as "<kind>: <Salesforce's message>", where kind is the Salesforce client's error kind; the
 * sentence comes from the kind, and Salesforce's own message (with its error code) is kept as the
 * detail for whoever has to look it up. Anything else (our own messages) is already plain words.
 */
export interface FailureText {
  sentence: string;
  /** Salesforce's message and error code, for a details disclosure; null when there is none. */
  detail: string | null;
}

const SENTENCE: Record<string, string> = {
  auth_expired: 'Salesforce no longer accepts the stored sign-in. Click Reset Token and sign in again.',
  auth_revoked: 'Salesforce no longer accepts the stored sign-in. Click Reset Token and sign in again.',
  rate_limited:
    "Salesforce's daily API request limit is used up. Syncing resumes by itself once Salesforce resets the limit.",
  not_found:
    'Salesforce could not find what this sync reads. Check that the connected Salesforce user can see the object, then Retry.',
  invalid_query:
    'Salesforce refused to read this object, usually because a field is hidden from the connected user. Check the user’s field access, then Retry.',
  transient:
    'Salesforce could not be reached or had a temporary problem. Syncing retries by itself; if this keeps happening, check Salesforce’s status, then Retry.',
  cdc_unavailable:
    'Salesforce refused real-time change events for this object. Enable it under Setup, Change Data Capture in Salesforce, or switch the sync to REST Polling.',
  invalid_replay:
    'Salesforce no longer holds the changes this sync was waiting for, so the object is loaded again in full.',
  unknown: 'Salesforce refused the request. The details say why; fix it in Salesforce, then Retry.',
};

const RECORDED = /^([a-z_]+): (.+)$/s;

export function describeFailure(recorded: string): FailureText {
  const match = RECORDED.exec(recorded);
  const sentence = match?.[1] ? SENTENCE[match[1]] : undefined;
  if (!match?.[2] || !sentence) return { sentence: recorded, detail: null };
  return { sentence, detail: match[2] };
}
