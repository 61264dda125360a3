import { type OAuthOutcome, oauthOutcomeText, type SyncObject } from '@ch/contracts';

export interface OAuthNotice {
  tone: 'success' | 'error';
  message: string;
}

const CONNECTED: readonly OAuthOutcome[] = ['connected', 'reset', 'org_switched'];

export const outcomeNotice = (outcome: OAuthOutcome, reloaded: readonly SyncObject[] = []): OAuthNotice => ({
  tone: CONNECTED.includes(outcome) ? 'success' : 'error',
  message: oauthOutcomeText(outcome, reloaded),
});

export const closedEarlyNotice: OAuthNotice = {
  tone: 'error',
  message: 'The Salesforce window was closed before sign-in finished. Nothing was changed.',
};
