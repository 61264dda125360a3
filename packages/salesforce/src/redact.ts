/**
 * Error text from jsforce can echo URLs (jsforce puts `oauth_token=` in identity URLs) or headers.
 * Strip anything token-shaped, plus the exact tokens we hold, before a message leaves the package.
 */
const PATTERNS: RegExp[] = [
  // Salesforce access tokens / session ids: 00D<org id>!<opaque>
  /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g,
  /\b(Bearer|OAuth)\s+[A-Za-z0-9!._~+/=-]+/gi,
  /\b(oauth_token|access_token|refresh_token|token|code|code_verifier|client_secret)=[^&\s"']+/gi,
];

const MAX_MESSAGE = 500;

export function redact(text: string, secrets: readonly (string | undefined | null)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short strings would blank out ordinary words; real tokens are long.
    if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match) => {
      const cut = match.search(/[=\s]/);
      return cut > 0 ? `${match.slice(0, cut + 1)}[redacted]` : '[redacted]';
    });
  }
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}
