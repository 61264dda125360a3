/**
 * Drives the emulator's login and approval pages the way a browser would, with fetch: read the
 * HTML form, fill the fields by their label, submit with the named button, follow until the
 * redirect to our callback.
 */
interface HtmlForm {
  action: string;
  method: string;
  fields: Map<string, string>;
  labels: Map<string, string>;
  buttons: { label: string; name?: string; value?: string }[];
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`, 'i')
    .exec(tag)?.[1]
    ?.replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c)));

function parseForm(html: string): HtmlForm {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`No form on page: ${html.slice(0, 300)}`);
  const [, formAttrs = '', body = ''] = form;
  const fields = new Map<string, string>();
  const idToName = new Map<string, string>();
  for (const [tag] of body.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(tag, 'name');
    if (!name) continue;
    fields.set(name, attr(tag, 'value') ?? '');
    const id = attr(tag, 'id');
    if (id) idToName.set(id, name);
  }
  const labels = new Map<string, string>();
  for (const [, forId = '', text = ''] of body.matchAll(
    /<label\b[^>]*for="([^"]+)"[^>]*>([^<]*)<\/label>/gi,
  )) {
    const name = idToName.get(forId);
    if (name) labels.set(text.trim(), name);
  }
  const buttons = [...body.matchAll(/<button\b([^>]*)>([^<]*)<\/button>/gi)].map(
    ([, attrs = '', text = '']) => ({
      label: text.trim(),
      name: attr(attrs, 'name'),
      value: attr(attrs, 'value'),
    }),
  );
  return {
    action: attr(formAttrs, 'action') ?? '',
    method: attr(formAttrs, 'method') ?? 'get',
    fields,
    labels,
    buttons,
  };
}

async function submit(
  pageUrl: string,
  html: string,
  inputs: Record<string, string>,
  button: string,
): Promise<Response> {
  const form = parseForm(html);
  const body = new URLSearchParams([...form.fields]);
  for (const [label, value] of Object.entries(inputs)) {
    const name = form.labels.get(label);
    if (!name) throw new Error(`No field labelled ${label}`);
    body.set(name, value);
  }
  const pressed = form.buttons.find((b) => b.label === button);
  if (!pressed) throw new Error(`No button ${button}; have ${form.buttons.map((b) => b.label).join(', ')}`);
  if (pressed.name) body.set(pressed.name, pressed.value ?? '');
  return fetch(new URL(form.action, pageUrl), {
    method: form.method.toUpperCase(),
    body,
    redirect: 'manual',
  });
}

export interface AuthorizeOutcome {
  /** The callback URL Salesforce redirected to, with code/state or error. */
  callback: URL;
}

export async function authorizeWithForms(
  authorizeUrl: string,
  credentials: { username: string; password: string },
  decision: 'Allow' | 'Deny' = 'Allow',
): Promise<AuthorizeOutcome> {
  const loginPage = await fetch(authorizeUrl, { redirect: 'manual' });
  if (loginPage.status !== 200) throw new Error(`authorize answered ${loginPage.status}`);
  const approval = await submit(
    loginPage.url || authorizeUrl,
    await loginPage.text(),
    { Username: credentials.username, Password: credentials.password },
    'Log In',
  );
  const approvalHtml = await approval.text();
  if (!/Allow/.test(approvalHtml)) throw new Error(`Login failed: ${approvalHtml.slice(0, 300)}`);
  const done = await submit(authorizeUrl, approvalHtml, {}, decision);
  const location = done.headers.get('location');
  if (done.status !== 302 || !location) throw new Error(`Expected a redirect, got ${done.status}`);
  return { callback: new URL(location) };
}
