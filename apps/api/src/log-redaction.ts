/**
 * Query values that must never reach a log: every value on an OAuth route (ours and Salesforce's
 * `/services/oauth2/...`), and anywhere a parameter named like a credential (`code`, `state`,
 * `token`, `key`, `secret`, `password`, also as a suffix: `access_token`, `apiKey`).
 */
const SECRET_NAME = /(code|state|token|key|secret|password)$/i;
const OAUTH_PATH = /\/oauth2?\//i;
// A query string inside any text (a JSON log line, an error message): it ends where a URL would.
const QUERY = /([^\s"'?#\\]*)\?([^\s"'#\\]*)/g;

const REDACTED = '[redacted]';

function isSecretName(name: string): boolean {
  try {
    return SECRET_NAME.test(decodeURIComponent(name.replaceAll('+', ' ')));
  } catch {
    return true; // undecodable: not worth the risk
  }
}

function redactQuery(path: string, query: string): string {
  const everyValue = OAUTH_PATH.test(path);
  return query.replace(/([^&=]*)=([^&]*)/g, (pair, name: string) =>
    everyValue || isSecretName(name) ? `${name}=${REDACTED}` : pair,
  );
}

/** Redacts the query values above in every URL found in the text. */
export function redactSecretsInText(text: string): string {
  if (!text.includes('?')) return text;
  return text.replace(QUERY, (_match, path: string, query: string) => `${path}?${redactQuery(path, query)}`);
}
