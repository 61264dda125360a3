import type { Connection } from 'jsforce';
import type PubSubApiClient from 'salesforce-pubsub-api-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { CONTACT_TOPIC, collector, pubSubClient, subscribed } from './pubsub-support.ts';
import { waitFor } from './streaming.ts';
import { connectAs, startTestEmulator } from './support.ts';

let emu: RunningEmulator;
let conn: Connection;
const clients: PubSubApiClient[] = [];

async function client(): Promise<PubSubApiClient> {
  const c = await pubSubClient(emu, conn);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  emu = await startTestEmulator({ records: 'none' });
  conn = await connectAs(emu);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});
afterAll(() => emu.close());

describe('Pub/Sub API through salesforce-pubsub-api-client', () => {
  it('delivers an UPDATE whose changedFields the client decodes to field names', async () => {
    const { received, callback } = collector();
    const c = await client();
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, callback, 10));
    const created = await emu.control.createRecords('acme', 'Contact', [
      { FirstName: 'Grace', LastName: 'Hopper', Email: 'grace@example.com' },
    ]);
    const id = created.results[0]?.id ?? '';
    // The client fetches a schema the first time it meets its id; events wait for it in order.
    await waitFor(() => received.events[0]);
    await emu.control.updateRecords('acme', 'Contact', [{ Id: id, Phone: '+1 415 555 0100', Email: null }]);
    await emu.control.updateRecords('acme', 'Contact', [
      { Id: id, LastName: 'Murray Hopper', MailingCity: 'Arlington' },
    ]);
    await waitFor(() => received.events.length >= 3);
    const [create, update, rename] = received.events;

    expect(create?.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Contact',
      recordIds: [id],
      changeType: 'CREATE',
      transactionKey: created.transactionKey,
      changedFields: [],
    });
    expect(create?.payload).toMatchObject({
      Name: { FirstName: 'Grace', LastName: 'Hopper' },
      Email: 'grace@example.com',
    });

    // Pub/Sub events carry every field: unchanged ones are null; the header names what changed.
    expect(update?.payload.ChangeEventHeader.changeType).toBe('UPDATE');
    expect(update?.payload.ChangeEventHeader.changedFields).toEqual(['Email', 'Phone', 'LastModifiedDate']);
    expect(update?.payload.ChangeEventHeader.nulledFields).toEqual(['Email']);
    expect(update?.payload.ChangeEventHeader.diffFields).toEqual([]);
    expect(update?.payload).toMatchObject({ Phone: '+1 415 555 0100', Email: null, Title: null, Name: null });
    // Datetimes are epoch milliseconds in Avro (whole seconds on records, as in Salesforce).
    const committed = Number(update?.payload.ChangeEventHeader.commitTimestamp);
    expect(Number(update?.payload.LastModifiedDate)).toBe(Math.floor(committed / 1000) * 1000);

    expect(rename?.payload.ChangeEventHeader.changedFields).toEqual([
      'LastModifiedDate',
      'Name.LastName',
      'MailingAddress.City',
    ]);
    expect(rename?.payload).toMatchObject({
      Name: { FirstName: null, LastName: 'Murray Hopper' },
      MailingAddress: { City: 'Arlington', Street: null, Country: null },
    });

    // The same events and replay ids as the CometD store holds.
    const stored = (await emu.control.events('acme')).map((e) => e.replayId);
    expect(received.events.map((e) => e.replayId)).toEqual(stored.slice(-3));
  });

  it('resubscribes from a stored replay id and reads only what came after it', async () => {
    const first = collector();
    const c = await client();
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, first.callback, 10));
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Before' }]);
    const stored = (await waitFor(() => first.received.events[0])).replayId;
    for (const c of clients.splice(0)) c.close();

    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'While away 1' }]);
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'While away 2' }]);
    const again = collector();
    (await client()).subscribeFromReplayId(CONTACT_TOPIC, again.callback, 10, stored);
    await waitFor(() => again.received.events.length >= 2);
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Live' }]);
    await waitFor(() => again.received.events.length >= 3);
    const names = again.received.events.map((e) => (e.payload.Name as { LastName: string }).LastName);
    expect(names).toEqual(['While away 1', 'While away 2', 'Live']);
    expect(again.received.events[0]?.replayId).toBeGreaterThan(stored);
  });

  it('reads every retained event from EARLIEST, across entities on /data/ChangeEvents', async () => {
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'Lead', Company: 'L' }]);
    const all = (await emu.control.events('acme')).map((e) => e.replayId);
    const { received, callback } = collector();
    (await client()).subscribeFromEarliestEvent('/data/ChangeEvents', callback, 100);
    await waitFor(() => received.events.length >= all.length);
    expect(received.events.map((e) => e.replayId)).toEqual(all);
    expect(received.events.at(-1)?.payload.ChangeEventHeader.entityName).toBe('Lead');
    expect(received.events.at(-1)?.schemaId).not.toBe(received.events[0]?.schemaId);
  });

  it('delivers no more events than requested until the client asks for more', async () => {
    const c = await client();
    const { received, callback } = collector();
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, callback, 2));
    await emu.control.createRecords(
      'acme',
      'Contact',
      [1, 2, 3, 4, 5].map((n) => ({ LastName: `Batch ${n}` })),
    );
    await waitFor(() => received.events.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(received.events).toHaveLength(2);
    c.requestAdditionalEvents(CONTACT_TOPIC, 3);
    await waitFor(() => received.events.length >= 5);
    expect(received.events.map((e) => (e.payload.Name as { LastName: string }).LastName)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Batch ${n}`),
    );
  });
});
