import { describe, expect, it } from 'vitest';
import { redactSecretsInText } from './log-redaction.ts';

describe('redactSecretsInText', () => {
  it('redacts every query value of our OAuth routes', () => {
    expect(
      redactSecretsInText('/api/integrations/salesforce/oauth/callback?code=aPrx.9%3D%3D&state=s1&x=y'),
    ).toBe('/api/integrations/salesforce/oauth/callback?code=[redacted]&state=[redacted]&x=[redacted]');
    expect(
      redactSecretsInText('/api/integrations/salesforce/oauth/start?loginHost=emulator&purpose=connect'),
    ).toBe('/api/integrations/salesforce/oauth/start?loginHost=[redacted]&purpose=[redacted]');
  });

  it("redacts Salesforce's OAuth URLs in a message", () => {
    const line =
      '{"msg":"GET https://login.salesforce.com/services/oauth2/authorize?client_id=abc&state=s2 failed"}';
    expect(redactSecretsInText(line)).toBe(
      '{"msg":"GET https://login.salesforce.com/services/oauth2/authorize?client_id=[redacted]&state=[redacted] failed"}',
    );
  });

  it.each(['code', 'state', 'token', 'key', 'access_token', 'apiKey', 'client_secret', 'Refresh-Token'])(
    'redacts a %s parameter on any route, keeping the others',
    (name) => {
      expect(redactSecretsInText(`{"url":"/api/v1/things?cursor=c1&${name}=s3cr3t&limit=5"}`)).toBe(
        `{"url":"/api/v1/things?cursor=c1&${name}=[redacted]&limit=5"}`,
      );
    },
  );

  it('leaves text without credentials alone', () => {
    const line = '{"url":"/api/v1/data-sources/1/records?cursor=abc&limit=10","msg":"what? nothing"}';
    expect(redactSecretsInText(line)).toBe(line);
  });
});
