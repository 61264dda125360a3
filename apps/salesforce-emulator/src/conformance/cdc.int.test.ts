import type { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { lastNameOf, type Subscriber, subscribe, waitFor } from './streaming.ts';
import { connectAs, GLOBEX_USER, rest, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
let conn: Connection;
const open: Subscriber[] = [];
const CONTACTS = '/data/ContactChangeEvent';

function sub(channel: string, replayId: number, c = conn): Subscriber {
  const s = subscribe(c, channel, replayId);
  open.push(s);
  return s;
}

beforeAll(async () => {
  emu = await startTestEmulator();
  conn = await connectAs(emu);
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(() => emu.close());

describe('CDC over CometD through jsforce', () => {
  it('delivers CREATE, UPDATE, DELETE and UNDELETE events with the Salesforce payload', async () => {
    const s = sub(CONTACTS, -1);
    await s.ready;
    const created = await emu.control.createRecords('acme', 'Contact', [
      { FirstName: 'Grace', LastName: 'Hopper', Email: 'grace@example.com' },
      { FirstName: 'Alan', LastName: 'Turing' },
    ]);
    const ids = created.results.map((r) => r.id ?? '');
    await waitFor(() => s.events.length >= 2);
    const [first, second] = s.events;
    expect(first?.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Contact',
      recordIds: [ids[0]],
      changeType: 'CREATE',
      transactionKey: created.transactionKey,
      sequenceNumber: 1,
      commitUser: expect.stringMatching(/^005/),
      commitNumber: expect.any(Number),
      commitTimestamp: Date.parse(created.commitTimestamp),
    });
    expect(second?.payload.ChangeEventHeader).toMatchObject({
      transactionKey: created.transactionKey,
      sequenceNumber: 2,
    });
    // As Salesforce documents: compound fields nested, only non-empty fields on CREATE.
    expect(first?.payload).toMatchObject({
      Name: { FirstName: 'Grace', LastName: 'Hopper' },
      Email: 'grace@example.com',
    });
    expect(first?.payload).not.toHaveProperty('FirstName');
    expect(first?.payload).not.toHaveProperty('MobilePhone');
    expect(first?.payload).not.toHaveProperty('MailingAddress');
    expect(first?.payload.ChangeEventHeader.changedFields).toEqual([]);
    expect(first?.schema).toEqual(expect.any(String));
    expect(second?.event.replayId).toBeGreaterThan(first?.event.replayId ?? 0);

    await emu.control.updateRecords(
      'acme',
      'Contact',
      ids.map((Id) => ({ Id, Phone: '+1 415 555 0100' })),
    );
    const update = await waitFor(() =>
      s.events.find((e) => e.payload.ChangeEventHeader.changeType === 'UPDATE'),
    );
    expect(update.payload.ChangeEventHeader.recordIds).toEqual(ids);
    expect(update.payload.ChangeEventHeader.changedFields).toEqual(['Phone', 'LastModifiedDate']);
    expect(Object.keys(update.payload).sort()).toEqual(['ChangeEventHeader', 'LastModifiedDate', 'Phone']);

    await emu.control.updateRecords('acme', 'Contact', [
      { Id: ids[0], LastName: 'Murray Hopper', MailingCity: 'Arlington', MailingCountry: 'US' },
    ]);
    const rename = await waitFor(() =>
      s.events.find((e) => e.payload.ChangeEventHeader.changedFields.includes('Name.LastName')),
    );
    expect(rename.payload.ChangeEventHeader.changedFields).toEqual([
      'Name.LastName',
      'MailingAddress.City',
      'MailingAddress.Country',
      'LastModifiedDate',
    ]);
    expect(rename.payload).toMatchObject({
      Name: { LastName: 'Murray Hopper' },
      MailingAddress: { City: 'Arlington', Country: 'US' },
    });
    expect(rename.payload.Name).toEqual({ LastName: 'Murray Hopper' });

    await emu.control.deleteRecords('acme', 'Contact', ids);
    await emu.control.undeleteRecords('acme', 'Contact', [ids[0] ?? '']);
    const del = await waitFor(() =>
      s.events.find((e) => e.payload.ChangeEventHeader.changeType === 'DELETE'),
    );
    const undel = await waitFor(() =>
      s.events.find((e) => e.payload.ChangeEventHeader.changeType === 'UNDELETE'),
    );
    expect(Object.keys(del.payload)).toEqual(['ChangeEventHeader']);
    expect(del.payload.ChangeEventHeader.recordIds).toEqual(ids);
    expect(undel.payload.ChangeEventHeader.recordIds).toEqual([ids[0]]);
    // An UNDELETE carries every non-empty field of the restored record.
    expect(undel.payload).toMatchObject({
      Name: { FirstName: 'Grace', LastName: 'Murray Hopper' },
      MailingAddress: { City: 'Arlington', Country: 'US' },
      Email: 'grace@example.com',
      Phone: '+1 415 555 0100',
    });
  });

  it('serves the event schema with compound fields as nested records', async () => {
    const s = sub('/data/ChangeEvents', -1);
    await s.ready;
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'Schema', Company: 'S' }]);
    const e = await waitFor(() => s.events[0]);
    const res = await rest(emu, conn.accessToken ?? '', `/event/eventSchema/${e.schema}`);
    expect(res.status).toBe(200);
    type Field = { name: string; type: [null, { fields?: Field[] }] | string };
    const schema = (await res.json()) as { name: string; fields: Field[] };
    expect(schema.name).toBe('LeadChangeEvent');
    const nested = (name: string) => {
      const type = schema.fields.find((f) => f.name === name)?.type as [null, { fields: Field[] }];
      return type[1].fields.map((f) => f.name);
    };
    expect(nested('Name')).toEqual(['FirstName', 'LastName']);
    expect(nested('Address')).toEqual(['Street', 'City', 'State', 'PostalCode', 'Country']);
    const names = schema.fields.map((f) => f.name);
    expect(names).not.toContain('City');
    expect(names).toContain('Company');
    const byName = await rest(emu, conn.accessToken ?? '', '/sobjects/ContactChangeEvent/eventSchema');
    expect(((await byName.json()) as { fields: Field[] }).fields.map((f) => f.name)).toContain(
      'MailingAddress',
    );
  });

  it('marks REST changes with the REST change origin and the token user', async () => {
    const s = sub('/data/ChangeEvents', -1);
    await s.ready;
    const res = await conn.sobject('Lead').create({ LastName: 'Rest', Company: 'Acme' });
    const e = await waitFor(() => s.events[0]);
    expect(e.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Lead',
      recordIds: [res.id],
      changeOrigin: 'com/salesforce/api/rest/62.0',
    });
    expect(e.payload.ChangeEventHeader.commitUser).toBe((await conn.identity()).user_id);
  });

  it('resumes from a stored replay id without losing or repeating events', async () => {
    const a = sub(CONTACTS, -1);
    await a.ready;
    const batch = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ LastName: `${tag}${i}` }));
    await emu.control.createRecords('acme', 'Contact', batch(3, 'before'));
    await waitFor(() => a.events.length === 3);
    const stored = a.events[1]?.event.replayId ?? 0;
    a.close();
    await emu.control.createRecords('acme', 'Contact', batch(2, 'during'));
    const b = sub(CONTACTS, stored);
    await b.ready;
    await emu.control.createRecords('acme', 'Contact', batch(1, 'after'));
    await waitFor(() => b.events.length >= 4);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.events.map((e) => lastNameOf(e))).toEqual(['before2', 'during0', 'during1', 'after0']);
    const all = sub(CONTACTS, -2);
    await all.ready;
    await waitFor(() => all.events.some((e) => lastNameOf(e) === 'after0'));
    expect(new Set(all.events.map((e) => e.event.replayId)).size).toBe(all.events.length);
  });

  it('fails subscribe for an unknown or expired replay id', async () => {
    const bad = sub(CONTACTS, 123);
    await expect(bad.ready).rejects.toMatchObject({
      message:
        '400::The replayId {123} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.',
    });
    const created = await emu.control.createRecords('acme', 'Lead', [{ LastName: 'Old', Company: 'X' }]);
    const old = created.replayIds[0] ?? 0;
    const ok = sub('/data/LeadChangeEvent', old);
    await ok.ready;
    await emu.control.advanceClock(72 * 3_600_000 + 1000);
    const fresh = await connectAs(emu);
    const stale = sub('/data/LeadChangeEvent', old, fresh);
    await expect(stale.ready).rejects.toMatchObject({
      message: expect.stringContaining(`The replayId {${old}} you provided was invalid`),
    });
    conn = fresh;
  });

  it('delivers gap and overflow events on demand', async () => {
    const s = sub(CONTACTS, -1);
    await s.ready;
    await emu.control.emitGap('acme', 'Contact', 'GAP_UPDATE', ['0035g0000000001AAA', '0035g0000000002AAA']);
    await emu.control.emitOverflow('acme', 'Contact');
    await waitFor(() => s.events.length === 2);
    expect(s.events[0]?.payload).toEqual({
      ChangeEventHeader: expect.objectContaining({
        changeType: 'GAP_UPDATE',
        recordIds: ['0035g0000000001AAA', '0035g0000000002AAA'],
      }),
    });
    expect(s.events[1]?.payload.ChangeEventHeader).toMatchObject({
      changeType: 'GAP_OVERFLOW',
      recordIds: [],
    });
  });

  it('rejects subscribe in an org without CDC', async () => {
    const globex = await connectAs(emu, GLOBEX_USER);
    const s = sub(CONTACTS, -1, globex);
    await expect(s.ready).rejects.toMatchObject({
      message: expect.stringContaining('Change Data Capture is not available'),
    });
  });

  it('reports auth failure when the token expires, and a new client with a fresh token works', async () => {
    const s = sub(CONTACTS, -1);
    await s.ready;
    await emu.control.expireAccessTokens({ org: 'acme' });
    const failure = await waitFor(() => s.authFailures[0]);
    expect(failure).toMatchObject({ error: '401::Authentication invalid', advice: { reconnect: 'none' } });
    await conn.query('SELECT COUNT() FROM Contact'); // jsforce refreshes the token on the 401
    const next = sub(CONTACTS, -1);
    await next.ready;
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'AfterRefresh' }]);
    await waitFor(() => next.events.find((e) => lastNameOf(e) === 'AfterRefresh'));
  });

  it('survives dropped CometD connections: faye re-handshakes and resubscribes from its replay id', async () => {
    const s = sub(CONTACTS, -1);
    await s.ready;
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'BeforeDrop' }]);
    await waitFor(() => s.events.length === 1);
    expect(await emu.control.dropCometdClients()).toBeGreaterThan(0);
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'WhileDropped' }]);
    await waitFor(() => s.events.length >= 2, 8000);
    expect(s.events.map((e) => lastNameOf(e))).toEqual(['BeforeDrop', 'WhileDropped']);
  });
});
