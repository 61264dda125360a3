import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isSalesforceError } from '../../src/index.ts';
import { createSession, DEFAULT_REQUEST_TIMEOUT_MS } from '../../src/session.ts';
import { ACME, CLIENT_ID, CLIENT_SECRET, clientFor, connect, type Emulator, start } from './setup.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await start();
});
afterEach(() => emu.control.clearFaults());
afterAll(() => emu.close());

/** A login host that accepts connections and never answers, as a stuck Salesforce would. */
async function silentServer(): Promise<{ url: string; server: Server }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('request timeouts', () => {
  it('bound every call by default, far below jsforce\u2019s 30 minutes', () => {
    const session = createSession({ instanceUrl: emu.url, accessToken: 'x', loginUrl: emu.url });
    expect(session.timeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(5 * 60_000);
  });

  it('end a REST call that gets no answer in time with a transient TIMEOUT error', async () => {
    const tokens = await connect(emu, ACME);
    const { client } = clientFor(emu, tokens, { timeoutMs: 200 });
    await emu.control.setLatency(2_000, '/query');
    const error = await client.count('Contact').catch((e: unknown) => e);
    expect(isSalesforceError(error, 'transient')).toBe(true);
    expect(error).toMatchObject({ errorCode: 'TIMEOUT', retryable: true });
  });

  it('end a token refresh whose login host never answers with a transient TIMEOUT error', async () => {
    const stuck = await silentServer();
    try {
      const session = createSession({
        instanceUrl: emu.url,
        accessToken: 'expired',
        refreshToken: 'some-refresh-token',
        loginUrl: stuck.url,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        timeoutMs: 200,
      });
      const error = await session.forceRefresh().catch((e: unknown) => e);
      expect(isSalesforceError(error, 'transient')).toBe(true);
      expect(error).toMatchObject({ errorCode: 'TIMEOUT' });
    } finally {
      stuck.server.closeAllConnections();
      stuck.server.close();
    }
  });
});
