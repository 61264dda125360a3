import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { connectAs, startTestEmulator } from './support.ts';

// Bayeux on the wire with plain fetch: exact replies faye and other clients depend on.
let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startTestEmulator({ settings: { cometdConnectTimeoutMs: 300, cometdClientTimeoutMs: 400 } });
  token = (await connectAs(emu)).accessToken ?? '';
});
afterAll(() => emu.close());

type Msg = Record<string, unknown>;
async function bayeux(messages: Msg[], auth = token): Promise<Msg[]> {
  const res = await fetch(`${emu.url}/cometd/62.0`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `OAuth ${auth}` },
    body: JSON.stringify(messages),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Msg[];
}

async function handshake(): Promise<string> {
  const [reply] = await bayeux([
    { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' },
  ]);
  expect(reply).toEqual({
    channel: '/meta/handshake',
    clientId: expect.any(String),
    version: '1.0',
    minimumVersion: '1.0',
    supportedConnectionTypes: ['long-polling'],
    successful: true,
    ext: { replay: true, 'payload.format': true },
    id: '1',
  });
  return String(reply?.clientId);
}

describe('Bayeux wire protocol', () => {
  it('answers GET with 404 so faye falls back to long-polling', async () => {
    expect((await fetch(`${emu.url}/cometd/62.0`)).status).toBe(404);
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve) => {
      const req = request(`${emu.url}/cometd/62.0`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('upgrade', () => resolve(101));
      req.end();
    });
    expect(status).toBe(404);
  });

  it('denies a handshake with a bad token exactly as Salesforce does', async () => {
    const [reply] = await bayeux([{ channel: '/meta/handshake', version: '1.0', id: '1' }], 'bad-token');
    expect(reply).toEqual({
      channel: '/meta/handshake',
      id: '1',
      successful: false,
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Authentication invalid' }, replay: true },
      advice: { reconnect: 'none' },
    });
  });

  it('holds connect until the timeout, then answers with retry advice', async () => {
    const clientId = await handshake();
    const start = Date.now();
    const [reply] = await bayeux([
      { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '2' },
    ]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(250);
    expect(reply).toEqual({
      channel: '/meta/connect',
      clientId,
      id: '2',
      successful: true,
      advice: { reconnect: 'retry', interval: 0, timeout: 300 },
    });
  });

  it('delivers pending events before the connect reply and subscribes with ext.replay', async () => {
    const clientId = await handshake();
    const [sub] = await bayeux([
      {
        channel: '/meta/subscribe',
        clientId,
        subscription: '/data/LeadChangeEvent',
        ext: { replay: { '/data/LeadChangeEvent': -1 } },
        id: '3',
      },
    ]);
    expect(sub).toEqual({
      channel: '/meta/subscribe',
      clientId,
      subscription: '/data/LeadChangeEvent',
      successful: true,
      id: '3',
    });
    const pending = bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '4' }]);
    await new Promise((r) => setTimeout(r, 30));
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'Wire', Company: 'W' }]);
    const replies = await pending;
    expect(replies.map((m) => m.channel)).toEqual(['/data/LeadChangeEvent', '/meta/connect']);
    const data = replies[0]?.data as { payload: Msg; event: { replayId: number } };
    expect(data.event.replayId).toEqual(expect.any(Number));
    expect(data.payload).toMatchObject({ Name: { LastName: 'Wire' }, Company: 'W' });
    const [unsub] = await bayeux([
      { channel: '/meta/unsubscribe', clientId, subscription: '/data/LeadChangeEvent', id: '10' },
    ]);
    expect(unsub).toEqual({
      channel: '/meta/unsubscribe',
      clientId,
      subscription: '/data/LeadChangeEvent',
      successful: true,
      id: '10',
    });
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'Unheard', Company: 'W' }]);
    const quiet = await bayeux([
      { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '11' },
    ]);
    expect(quiet.map((m) => m.channel)).toEqual(['/meta/connect']);
  });

  it('answers 403::Unknown client with handshake advice for unknown and timed-out clients', async () => {
    const [unknown] = await bayeux([
      { channel: '/meta/connect', clientId: 'nope', connectionType: 'long-polling', id: '9' },
    ]);
    expect(unknown).toEqual({
      channel: '/meta/connect',
      clientId: 'nope',
      id: '9',
      successful: false,
      error: '403::Unknown client',
      advice: { reconnect: 'handshake', interval: 0 },
    });
    const clientId = await handshake();
    await new Promise((r) => setTimeout(r, 900));
    const [dropped] = await bayeux([
      { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '5' },
    ]);
    expect(dropped?.error).toBe('403::Unknown client');
  });

  it('answers 401::Authentication invalid on connect once the token is expired', async () => {
    const clientId = await handshake();
    await emu.control.expireAccessTokens({ token });
    const [reply] = await bayeux([
      { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '6' },
    ]);
    expect(reply).toEqual({
      channel: '/meta/connect',
      clientId,
      id: '6',
      successful: false,
      error: '401::Authentication invalid',
      advice: { reconnect: 'none', interval: 0 },
    });
  });

  it('answers a disconnect and forgets the client', async () => {
    token = (await connectAs(emu)).accessToken ?? '';
    const clientId = await handshake();
    const [bye] = await bayeux([{ channel: '/meta/disconnect', clientId, id: '7' }]);
    expect(bye).toEqual({ channel: '/meta/disconnect', clientId, id: '7', successful: true });
    const [after] = await bayeux([
      { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '8' },
    ]);
    expect(after?.error).toBe('403::Unknown client');
  });
});
