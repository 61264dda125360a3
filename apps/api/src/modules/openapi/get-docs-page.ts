import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { DOCS_SCRIPT } from './docs-script.ts';

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1a1a1a; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9rem; }
pre { background: #f4f4f5; padding: 0.75rem; overflow-x: auto; }
.op { border-top: 1px solid #d4d4d8; padding: 0.5rem 0 1rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; }
.get { color: #1d4ed8; } .post { color: #15803d; } .delete { color: #b91c1c; }
table { border-collapse: collapse; margin: 0.5rem 0; } th, td { border: 1px solid #d4d4d8; padding: 0.25rem 0.5rem; text-align: left; }
caption { text-align: left; font-weight: 600; }
label { display: block; margin-top: 0.5rem; font-weight: 600; }
input, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.25rem; }
button { margin-top: 0.5rem; font: inherit; padding: 0.25rem 1rem; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
.note { color: #52525b; }
`;

/**
 * GET /api/docs: the interactive reference, rendered in the browser from /api/v1/openapi.json.
 * Requests from "Try it" carry only the key typed in (credentials: 'omit'), never the session.
 */
export function getDocsPage(): RequestHandler {
  return (_req, res) => {
    const nonce = randomBytes(16).toString('base64');
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; ` +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
<h1 id="title">API reference</h1>
<p id="intro"></p>
<label for="api-key">API key for "Try it" (kept in this page only)</label>
<input id="api-key" type="password" autocomplete="off" spellcheck="false" placeholder="chk_live_…">
</header>
<main>
<h2>Operations</h2>
<div id="operations">Loading…</div>
<h2>Schemas</h2>
<div id="schemas"></div>
</main>
<script nonce="${nonce}">${DOCS_SCRIPT}</script>
</body>
</html>`);
  };
}
