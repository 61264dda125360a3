/**
 * The Salesforce emulator the API starts for the e2e run (no SALESFORCE_CLIENT_ID is set), on a
 * fixed port with a known control key so specs can check what Salesforce itself saw.
 */
export const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
export const emulatorUrl = `http://localhost:${emulatorPort}`;
export const emulatorControlKey = 'e2e-emulator-control-key';

export interface EmulatorToken {
  kind: 'access' | 'refresh';
  token: string;
  orgId: string;
  userId: string;
  revoked: boolean;
  issuedAt: string;
}

/** Every token the emulator has issued (the control API's GET /__emulator/tokens). */
export async function emulatorTokens(): Promise<EmulatorToken[]> {
  const response = await fetch(`${emulatorUrl}/__emulator/tokens`, {
    headers: { 'x-emulator-key': emulatorControlKey },
  });
  if (!response.ok) throw new Error(`emulator tokens: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { tokens: EmulatorToken[] }).tokens;
}

async function control(path: string, body: unknown) {
  const response = await fetch(`${emulatorUrl}/__emulator${path}`, {
    method: 'POST',
    headers: { 'x-emulator-key': emulatorControlKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
}

/** The next `count` Salesforce requests (whose path contains `pathContains`) answer `status`. */
export const failSalesforceRequests = (count: number, status: 500 | 503, pathContains?: string) =>
  control('/faults/fail', { count, status, pathContains });

export const clearSalesforceFaults = () => control('/faults/clear', {});

/** Every Salesforce answer takes `ms` longer (0 restores normal speed; clearSalesforceFaults too). */
export const slowSalesforce = (ms: number) => control('/faults/latency', { ms });
