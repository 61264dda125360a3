import { type OAuthOutcome, oauthOutcomeMessages } from '@ch/contracts';

export interface OAuthNotice {
  tone: 'success' | 'error';
  message: string;
}

export const outcomeNotice = (outcome: OAuthOutcome): OAuthNotice => ({
  tone: outcome === 'connected' || outcome === 'reset' ? 'success' : 'error',
  message: oauthOutcomeMessages[outcome],
});

export const closedEarlyNotice: OAuthNotice = {
  tone: 'error',
  message: 'The Salesforce window was closed before sign-in finished. Nothing was changed.',
};
