import type { RequestHandler } from 'express';

/**
 * GET /api/docs: the interactive reference, rendered in the browser from /api/v1/openapi.json.
 * Requests from "Try it" carry only the key typed in (credentials: 'omit'), never the session.
 * Its script and stylesheet are files from this server (the app-wide CSP allows nothing inline
 * and no other origin).
 */
export function getDocsPage(): RequestHandler {
  return (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<link rel="stylesheet" href="/api/docs/reference.css">
</head>
<body>
<nav class="topbar" aria-label="Cloverhound Cloud"><a href="/admin/api-keys">← Back to API Keys</a></nav>
<header>
<h1 id="title">API reference</h1>
<div id="intro"></div>
<label for="api-key">API key for "Try it" (kept in this page only)</label>
<input id="api-key" type="password" autocomplete="off" spellcheck="false" placeholder="chk_live_…">
</header>
<main>
<h2>Operations</h2>
<div id="operations">Loading…</div>
<h2>Schemas</h2>
<div id="schemas"></div>
</main>
<script src="/api/docs/reference.js"></script>
</body>
</html>`);
  };
}
