import avro from 'avsc';
import type { Connection } from 'jsforce';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import {
  type RawClient,
  type RawStream,
  rawClient,
  replayIdOf,
  session,
  subscribeRaw,
  unary,
} from './pubsub-grpc-support.ts';
import { waitFor } from './streaming.ts';
import { connectAs, startTestEmulator } from './support.ts';

// Flow control and Salesforce's Pub/Sub allocations, seen by a plain grpc-js client.
let emu: RunningEmulator;
let conn: Connection;
let client: RawClient;
const streams: RawStream[] = [];
const TOPIC = '/data/ContactChangeEvent';

function open(first: object, on = client): RawStream {
  const s = subscribeRaw(on, session(conn), first);
  streams.push(s);
  return s;
}

const delivered = (s: RawStream) =>
  s.responses.flatMap((r) => r.events ?? []).map((e) => replayIdOf(e.replayId));

beforeAll(async () => {
  emu = await startTestEmulator({ records: 'none' });
  conn = await connectAs(emu);
  client = rawClient(emu);
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.call.cancel();
  await emu.control.updateSettings({ pubsubKeepaliveMs: 270_000 });
  await emu.control.reset();
  conn = await connectAs(emu);
});
afterAll(async () => {
  client.close();
  await emu.close();
});

describe('Pub/Sub flow control', () => {
  it('sends no more than requested, reports what is owed, and keepalives never skip owed events', async () => {
    await emu.control.updateSettings({ pubsubKeepaliveMs: 150 });
    const created = await emu.control.createRecords(
      'acme',
      'Contact',
      [1, 2, 3, 4, 5].map((n) => ({ LastName: `N${n}` })),
    );
    const ids = created.replayIds;
    const s = open({ topicName: TOPIC, replayPreset: 'EARLIEST', numRequested: 3 });
    const first = await waitFor(() => s.responses[0]);
    expect(first.events?.map((e) => replayIdOf(e.replayId))).toEqual(ids.slice(0, 3));
    expect([first.pendingNumRequested, replayIdOf(first.latestReplayId)]).toEqual([0, ids[2]]);
    const keepalive = await waitFor(() => s.responses[1]);
    expect([keepalive.events, replayIdOf(keepalive.latestReplayId)]).toEqual([[], ids[2]]);

    s.call.write({ numRequested: 5 });
    const more = await waitFor(() => s.responses.filter((r) => r.events?.length).at(1));
    expect(more.events?.map((e) => replayIdOf(e.replayId))).toEqual(ids.slice(3));
    expect(more.pendingNumRequested).toBe(3);
    const type = avro.Type.forSchema(
      JSON.parse(
        String(
          (await unary(client, 'GetSchema', { schemaId: more.events?.[0]?.event.schemaId }, session(conn)))
            .res?.schemaJson,
        ),
      ),
    );
    expect(type.fromBuffer(more.events?.[0]?.event.payload as Buffer)).toMatchObject({
      ChangeEventHeader: { changeType: 'CREATE', changedFields: [], nulledFields: [] },
      Name: { LastName: 'N4', FirstName: null },
      Email: null,
    });
    await emu.control.updateSettings({ pubsubKeepaliveMs: 270_000 });
  });

  it('counts at most 100 requested events in total, however many requests asked', async () => {
    await emu.control.updateSettings({ pubsubKeepaliveMs: 100 });
    const s = open({ topicName: TOPIC, numRequested: 60 });
    s.call.write({ numRequested: 60 });
    // A keepalive owing 100 shows both requests were counted, the second only up to the cap.
    await waitFor(() => s.responses.find((r) => r.pendingNumRequested === 100));
    const created = await emu.control.createRecords(
      'acme',
      'Contact',
      Array.from({ length: 150 }, (_, n) => ({ LastName: `C${n}` })),
    );
    await waitFor(() => delivered(s).length >= 100);
    const before = s.responses.length;
    await waitFor(() => s.responses.length > before + 1);
    expect(delivered(s)).toEqual(created.replayIds.slice(0, 100));
    expect(s.responses.at(-1)?.pendingNumRequested).toBe(0);
    s.call.write({ numRequested: 500 });
    await waitFor(() => delivered(s).length >= 150);
    expect(delivered(s).slice(100)).toEqual(created.replayIds.slice(100));
    expect(s.responses.findLast((r) => r.events?.length)?.pendingNumRequested).toBe(50);
  });

  it('serves 100 concurrent streams per connection: a 101st waits, another channel does not', async () => {
    await emu.control.updateSettings({ pubsubKeepaliveMs: 100 });
    const own = rawClient(emu);
    const all = Array.from({ length: 101 }, () => open({ topicName: TOPIC, numRequested: 1 }, own));
    await waitFor(() => all.filter((s) => s.responses.length > 0).length >= 100);
    // Three keepalive periods later the 101st still has had nothing: it was never set up.
    await new Promise((r) => setTimeout(r, 300));
    expect(all.filter((s) => s.responses.length > 0)).toHaveLength(100);
    expect(await emu.control.pubSubStreams()).toBe(100);
    const other = open({ topicName: TOPIC, numRequested: 1 });
    await waitFor(() => other.responses[0]);
    expect(await emu.control.pubSubStreams()).toBe(101);
    own.close();
  });
});
