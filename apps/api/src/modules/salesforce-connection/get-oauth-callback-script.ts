import type { RequestHandler } from 'express';

/** Where the callback page loads its script from (behind the same guards as the page). */
export const CALLBACK_SCRIPT_PATH = '/api/integrations/salesforce/oauth/callback.js';

// In a popup: post the outcome to the opener, only at our own origin, and close. Without an
// opener (popup blocked, or opened by hand): go back to the page.
const SCRIPT = `const data = JSON.parse(document.getElementById('oauth-result').textContent);
if (window.opener && !window.opener.closed) {
  window.opener.postMessage(data.message, data.origin);
  window.close();
} else {
  window.location.replace(data.back);
}
`;

/**
 * GET /api/integrations/salesforce/oauth/callback.js: the callback page's script, served as a file
 * because the Content-Security-Policy allows no inline script.
 */
export function getOAuthCallbackScript(): RequestHandler {
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript').send(SCRIPT);
  };
}
