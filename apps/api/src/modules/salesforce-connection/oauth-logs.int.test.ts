import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { deliverCallback, signInAtSalesforce, startOAuth } from '../../../test/salesforce-sign-in.ts';

const ctx = useTestContext();

describe('logs of a Salesforce Set up', () => {
  it('never carry the authorization code or the state', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const authorizeUrl = await startOAuth(admin);
    const callback = await signInAtSalesforce(authorizeUrl, { username: 'integration.user@acme.example' });
    const code = callback.searchParams.get('code')!;
    const state = callback.searchParams.get('state')!;
    expect(code.length).toBeGreaterThan(8);
    expect(state.length).toBeGreaterThan(8);
    const res = await deliverCallback(admin, callback).expect(200);
    expect(res.text).toContain('"outcome":"connected"');

    const logs = ctx.logs.join('\n');
    // The request lines are there, with their query values redacted.
    expect(logs).toMatch(/"url":"\/api\/integrations\/salesforce\/oauth\/start\?loginHost=\[redacted\]"/);
    expect(logs).toMatch(
      /"url":"\/api\/integrations\/salesforce\/oauth\/callback\?code=\[redacted\]&state=\[redacted\]"/,
    );
    for (const secret of [code, state, encodeURIComponent(code), encodeURIComponent(state)])
      expect(logs).not.toContain(secret);
    for (const issued of await ctx.emulator.control.tokens()) expect(logs).not.toContain(issued.token);
  });
});
