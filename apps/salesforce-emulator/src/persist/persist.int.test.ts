import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Subscriber, subscribe, waitFor } from '../conformance/streaming.ts';
import { connectAs, oauth2For, startTestEmulator, VERSION } from '../conformance/support.ts';
import type { PersistLog, RunningEmulator } from '../index.ts';

const CONTACTS = '/data/ContactChangeEvent';
let root: string;
const running: RunningEmulator[] = [];
const open: Subscriber[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'emu-persist-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await Promise.all(running.splice(0).map((e) => e.close()));
});
afterAll(() => rm(root, { recursive: true, force: true }));

// A restart takes the same HTTP port (the instance URL its tokens name) but any free Pub/Sub port:
// left to the default (the HTTP port + 1), it was once already taken by a parallel test file.
async function start(dir: string, port = 0, log?: PersistLog): Promise<RunningEmulator> {
  const emu = await startTestEmulator({
    port,
    pubsubPort: 0,
    persist: { dir, debounceMs: 20, ...(log ? { log } : {}) },
  });
  running.push(emu);
  return emu;
}

function sub(conn: Connection, replayId: number): Subscriber {
  const s = subscribe(conn, CONTACTS, replayId);
  open.push(s);
  return s;
}

describe('a persistent emulator', () => {
  it('keeps tokens, records, CDC events, replay ids and id counters across a restart', async () => {
    const dir = path.join(root, 'restart');
    const first = await start(dir);
    const conn = await connectAs(first);
    const refreshToken = conn.refreshToken ?? '';
    const created = await conn.sobject('Contact').create({ FirstName: 'Ada', LastName: 'Lovelace' });
    const id = created.id ?? '';
    await conn.sobject('Contact').update({ Id: id, LastName: 'King' });
    const before = sub(conn, -2);
    const [createEvent, updateEvent] = await waitFor(() => {
      const mine = before.events.filter((e) => e.payload.ChangeEventHeader.recordIds.includes(id));
      return mine.length >= 2 && mine;
    });
    // Written after the change, without waiting for close; readable by its owner only.
    const file = path.join(dir, 'state.json');
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes(id));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    before.close();
    await first.close();

    const second = await start(dir, first.port);
    // The access token issued before the restart still opens the API.
    const again = new Connection({
      instanceUrl: second.url,
      accessToken: conn.accessToken ?? '',
      version: VERSION,
    });
    expect(await again.sobject('Contact').retrieve(id)).toMatchObject({
      Id: id,
      FirstName: 'Ada',
      LastName: 'King',
    });
    // The refresh token still works.
    const refreshed = await oauth2For(second).refreshToken(refreshToken);
    expect(refreshed.access_token).toMatch(/^00D/);

    // Replaying from the stored create event delivers the update, and nothing before it.
    const after = sub(again, createEvent?.event.replayId ?? 0);
    await waitFor(() => after.events.length >= 1);
    expect(after.events[0]?.event.replayId).toBe(updateEvent?.event.replayId);
    expect(after.events[0]?.payload.ChangeEventHeader).toMatchObject({
      changeType: 'UPDATE',
      recordIds: [id],
    });

    // New ids and replay ids continue after the old ones: nothing is handed out twice.
    const next = await again.sobject('Contact').create({ LastName: 'Babbage' });
    expect((next.id ?? '') > id).toBe(true);
    const nextEvent = await waitFor(() =>
      after.events.find((e) => e.payload.ChangeEventHeader.recordIds.includes(next.id ?? '')),
    );
    expect(nextEvent.event.replayId).toBeGreaterThan(updateEvent?.event.replayId ?? Infinity);
  });

  it('reports a corrupt state file, sets it aside and starts from seed', async () => {
    const dir = path.join(root, 'corrupt');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'state.json'), '{"version":1,"orgs":');
    const logged: string[] = [];
    const emu = await start(dir, 0, (level, message) => logged.push(`${level}: ${message}`));
    const conn = await connectAs(emu);
    expect((await conn.query('SELECT Id FROM Contact')).totalSize).toBe(250);
    expect(logged).toEqual([expect.stringMatching(/^error: emulator state .* is corrupt/)]);
    expect((await readdir(dir)).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });
});
