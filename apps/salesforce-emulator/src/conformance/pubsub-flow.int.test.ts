import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { type RawStream, rawClient, rawHarness, replayIdOf, session, unary } from './pubsub-grpc-support.ts';
import { waitFor } from './streaming.ts';
import { connectAs } from './support.ts';

// Flow control and Salesforce's Pub/Sub allocations, seen by a plain grpc-js client.
const TOPIC = '/data/ContactChangeEvent';
const h = rawHarness(async () => {
  await h.emu.control.reset();
  h.conn = await connectAs(h.emu);
});
const delivered = (s: RawStream) =>
  s.responses.flatMap((r) => r.events ?? []).map((e) => replayIdOf(e.replayId));

describe('Pub/Sub flow control', () => {
  it('sends no more than requested, reports what is owed, and keepalives never skip owed events', async () => {
    await h.emu.control.updateSettings({ pubsubKeepaliveMs: 150 });
    const created = await h.emu.control.createRecords(
      'acme',
      'Contact',
      [1, 2, 3, 4, 5].map((n) => ({ LastName: `N${n}` })),
    );
    const ids = created.replayIds;
    const s = h.open({ topicName: TOPIC, replayPreset: 'EARLIEST', numRequested: 3 });
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
          (
            await unary(
              h.client,
              'GetSchema',
              { schemaId: more.events?.[0]?.event.schemaId },
              session(h.conn),
            )
          ).res?.schemaJson,
        ),
      ),
    );
    expect(type.fromBuffer(more.events?.[0]?.event.payload as Buffer)).toMatchObject({
      ChangeEventHeader: { changeType: 'CREATE', changedFields: [], nulledFields: [] },
      Name: { LastName: 'N4', FirstName: null },
      Email: null,
    });
    await h.emu.control.updateSettings({ pubsubKeepaliveMs: 270_000 });
  });

  it('counts at most 100 requested events in total, however many requests asked', async () => {
    await h.emu.control.updateSettings({ pubsubKeepaliveMs: 100 });
    const s = h.open({ topicName: TOPIC, numRequested: 60 });
    s.call.write({ numRequested: 60 });
    // A keepalive owing 100 shows both requests were counted, the second only up to the cap.
    await waitFor(() => s.responses.find((r) => r.pendingNumRequested === 100));
    const created = await h.emu.control.createRecords(
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
    await h.emu.control.updateSettings({ pubsubKeepaliveMs: 100 });
    const own = rawClient(h.emu);
    const all = Array.from({ length: 101 }, () => h.open({ topicName: TOPIC, numRequested: 1 }, { on: own }));
    await waitFor(() => all.filter((s) => s.responses.length > 0).length >= 100);
    // Three keepalive periods later the 101st still has had nothing: it was never set up.
    await new Promise((r) => setTimeout(r, 300));
    expect(all.filter((s) => s.responses.length > 0)).toHaveLength(100);
    expect(await h.emu.control.pubSubStreams()).toBe(100);
    const other = h.open({ topicName: TOPIC, numRequested: 1 });
    await waitFor(() => other.responses[0]);
    expect(await h.emu.control.pubSubStreams()).toBe(101);
    own.close();
  });
});
