import { escapeHtml as e } from '../http/respond.ts';

// Plain server-rendered pages: real labels and buttons so browser tests can drive them by role.
function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;background:#f3f3f3;display:flex;justify-content:center;padding-top:8vh}
main{background:#fff;border:1px solid #ddd;border-radius:6px;padding:2rem;width:22rem}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=password]{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1.2rem;padding:.6rem 1.2rem;margin-right:.5rem}.error{color:#b00020}.banner{font-size:.8rem;color:#666}
</style></head><body><main><p class="banner">Salesforce Emulator</p>${body}</main></body></html>`;
}

export function loginPage(pendingId: string, error?: string): string {
  return layout(
    'Login | Salesforce',
    `<h1>Log in</h1>
${error ? `<p class="error" role="alert">${e(error)}</p>` : ''}
<form method="post" action="/services/oauth2/authorize/login">
<input type="hidden" name="pending" value="${e(pendingId)}">
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username">
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password">
<button type="submit">Log In</button>
</form>`,
  );
}

export function approvalPage(pendingId: string, appName: string, username: string, scope: string): string {
  return layout(
    'Allow Access? | Salesforce',
    `<h1>Allow Access?</h1>
<p><strong>${e(appName)}</strong> is asking to access your Salesforce data as <strong>${e(username)}</strong>.</p>
<p>Scopes: ${e(scope)}</p>
<form method="post" action="/services/oauth2/authorize/decision">
<input type="hidden" name="pending" value="${e(pendingId)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout('Error | Salesforce', `<h1>${e(title)}</h1><p class="error" role="alert">${e(message)}</p>`);
}
