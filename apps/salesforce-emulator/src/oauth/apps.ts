export interface ConnectedApp {
  name: string;
  clientId: string;
  clientSecret: string;
  callbackUrls: string[];
  rotateRefreshTokens: boolean;
}

export const DEFAULT_APP = {
  name: 'Cloverhound Cloud',
  clientId: 'cloverhound-local-client',
  clientSecret: 'cloverhound-local-secret',
} as const;

export const DEFAULT_CALLBACK_URLS = ['http://localhost:3000/api/integrations/salesforce/oauth/callback'];
