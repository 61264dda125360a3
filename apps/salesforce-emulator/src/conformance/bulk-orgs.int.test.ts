import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { connectAs, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

describe('POST /__emulator/orgs (many orgs for a simulation)', () => {
  it('creates each org with its edition, CDC objects, records and an integration user who can sign in', async () => {
    const created = await emu.control.createOrgs({
      count: 3,
      edition: 'Unlimited Edition',
      cdcEntities: ['Lead'],
      recordsPerObject: { Contact: 5, Lead: 2 },
      aliasPrefix: 'load',
    });
    expect(created.map((o) => [o.alias, o.username])).toEqual([
      ['load-1', 'integration.user@load-1.example'],
      ['load-2', 'integration.user@load-2.example'],
      ['load-3', 'integration.user@load-3.example'],
    ]);
    expect(new Set(created.map((o) => o.id)).size).toBe(3);
    const state = await emu.control.state();
    const third = state.orgs.find((o) => o.alias === 'load-3');
    expect(third).toMatchObject({
      id: created[2]?.id,
      edition: 'Unlimited Edition',
      cdcEntities: ['Lead'],
      counts: { Contact: 5, Lead: 2, Task: 0 },
      users: [{ id: created[2]?.userId, username: 'integration.user@load-3.example' }],
    });

    // The integration user signs in through the real web-server flow and sees only its own org.
    const conn = await connectAs(emu, 'integration.user@load-2.example');
    expect(conn.userInfo?.organizationId).toBe(created[1]?.id);
    const contacts = await conn.query<{ Id: string }>('SELECT Id FROM Contact');
    expect(contacts.totalSize).toBe(5);
    expect(contacts.records.map((r) => r.Id)).toEqual(
      (await emu.control.records('load-2', 'Contact')).map((r) => r.Id),
    );
    // Seed records publish no change events.
    expect(await emu.control.events('load-2')).toEqual([]);
  });

  it('answers 400 for a bad request and 409 for a prefix in use, creating nothing', async () => {
    const before = (await emu.control.state()).orgs.length;
    for (const bad of [
      { count: 0 },
      { count: 10_001 },
      { count: 2, cdcEntities: ['Account'] },
      { count: 2, recordsPerObject: { Contact: -1 } },
      { count: 2, aliasPrefix: 'Bad Prefix' },
    ]) {
      await expect(emu.control.createOrgs(bad as never)).rejects.toMatchObject({ status: 400 });
    }
    await emu.control.createOrgs({ count: 1, aliasPrefix: 'twice' });
    await expect(emu.control.createOrgs({ count: 1, aliasPrefix: 'twice' })).rejects.toMatchObject({
      status: 409,
    });
    expect((await emu.control.state()).orgs.length).toBe(before + 1);
  });
});
