import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.ts';
import { deliverCallback, signInAtSalesforce, startOAuth } from '../../test/salesforce-sign-in.ts';

const ctx = useTestContext();

/** The directives, by name, of a Content-Security-Policy header. */
const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe('security headers', () => {
  it.each([
    ['the SPA', '/admin/integrations'],
    ['an API error', '/api/auth/me'],
    ['the OpenAPI document', '/api/v1/openapi.json'],
    ['the API reference', '/api/docs'],
    ['a health check', '/healthz'],
  ])(
    '%s gets a CSP with no inline script, self only, no framing; nosniff; a Referrer-Policy',
    async (_name, path) => {
      const res = await request(ctx.app).get(path);
      const csp = directives(res.headers['content-security-policy'] ?? '');
      expect(csp).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-|\*|https?:/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
    },
  );
});

describe('the OAuth callback page under the CSP', () => {
  it('carries its outcome as data and loads its script from this server, with nothing inline', async () => {
    const admin = await ctx.loginAs('admin@demo.test');
    const callback = await signInAtSalesforce(await startOAuth(admin), {
      username: 'integration.user@acme.example',
    });
    const page = await deliverCallback(admin, callback).expect(200);
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual([
      'type="application/json" id="oauth-result"',
      'src="/api/integrations/salesforce/oauth/callback.js"',
    ]);
    expect(page.text).not.toMatch(/\sstyle=|\son\w+=/);
    const data = JSON.parse(
      /<script type="application\/json" id="oauth-result">([^<]*)<\/script>/.exec(page.text)![1]!,
    );
    expect(data).toEqual({
      message: { type: 'cloverhound:salesforce-oauth', outcome: 'connected' },
      origin: ctx.deps.env.appOrigin,
      back: '/admin/integrations?salesforce=connected',
    });
    const script = await admin.get('/api/integrations/salesforce/oauth/callback.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.text).toContain("getElementById('oauth-result')");
    expect(script.text).toContain('window.opener.postMessage(data.message, data.origin)');
  });
});
