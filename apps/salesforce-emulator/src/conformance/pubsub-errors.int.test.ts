import type { Connection } from 'jsforce';
import type PubSubApiClient from 'salesforce-pubsub-api-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../index.ts';
import { CONTACT_TOPIC, collector, errorCode, pubSubClient, subscribed } from './pubsub-support.ts';
import { waitFor } from './streaming.ts';
import { connectAs, GLOBEX_USER, startTestEmulator } from './support.ts';

// Failures and faults as salesforce-pubsub-api-client sees them: gRPC status plus Salesforce's
// error code in the `error-code` trailer.
let emu: RunningEmulator;
let conn: Connection;
const clients: PubSubApiClient[] = [];
const GRPC = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};
const CODE = 'sfdc.platform.eventbus.grpc.';

async function client(c = conn, accessToken?: string): Promise<PubSubApiClient> {
  const made = await pubSubClient(emu, c, accessToken ? { accessToken } : {});
  clients.push(made);
  return made;
}

beforeAll(async () => {
  emu = await startTestEmulator({ records: 'none' });
  conn = await connectAs(emu);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await emu.control.clearFaults();
});
afterAll(() => emu.close());

describe('Pub/Sub API errors and faults through salesforce-pubsub-api-client', () => {
  it('ends an open stream with service.auth.error when its token expires, and refuses the token', async () => {
    const own = await connectAs(emu);
    const { received, callback } = collector();
    const c = await client(own);
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, callback, 10));
    await emu.control.expireAccessTokens({ token: own.accessToken ?? '' });
    const failure = await waitFor(() => received.errors[0]);
    expect(failure.code).toBe(GRPC.UNAUTHENTICATED);
    expect(errorCode(failure)).toBe(`${CODE}service.auth.error`);
    expect(failure.details).toMatch(/rpcId: [0-9a-f-]{36}$/);

    const again = collector();
    (await client(own)).subscribe(CONTACT_TOPIC, again.callback, 10);
    expect(errorCode(await waitFor(() => again.received.errors[0]))).toBe(`${CODE}service.auth.error`);
  });

  it('ends the streams of a revoked session', async () => {
    const own = await connectAs(emu);
    const { received, callback } = collector();
    const c = await client(own);
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, callback, 10));
    await emu.control.revokeRefreshTokens({ token: own.refreshToken ?? '' });
    const failure = await waitFor(() => received.errors[0]);
    expect([failure.code, errorCode(failure)]).toEqual([GRPC.UNAUTHENTICATED, `${CODE}service.auth.error`]);
  });

  it('answers topic.not.found for an unknown topic and cannot.subscribe for an org without CDC', async () => {
    const unknown = collector();
    (await client()).subscribe('/data/OpportunityChangeEvent', unknown.callback, 1);
    const failure = await waitFor(() => unknown.received.errors[0]);
    expect([failure.code, errorCode(failure)]).toEqual([GRPC.NOT_FOUND, `${CODE}topic.not.found`]);

    const globex = collector();
    (await client(await connectAs(emu, GLOBEX_USER))).subscribe(CONTACT_TOPIC, globex.callback, 1);
    const denied = await waitFor(() => globex.received.errors[0]);
    expect([denied.code, errorCode(denied)]).toEqual([
      GRPC.PERMISSION_DENIED,
      `${CODE}subscription.topic.cannot.subscribe`,
    ]);
  });

  it('answers replayid.corrupted for a replay id never issued and for one past retention', async () => {
    const created = await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Old' }]);
    const old = created.replayIds[0] ?? 0;
    const future = collector();
    (await client()).subscribeFromReplayId(CONTACT_TOPIC, future.callback, 1, old + 1_000_000);
    const never = await waitFor(() => future.received.errors[0]);
    expect([never.code, errorCode(never)]).toEqual([
      GRPC.INVALID_ARGUMENT,
      `${CODE}subscription.fetch.replayid.corrupted`,
    ]);

    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Newer' }]);
    await emu.control.advanceClock(73 * 3_600_000);
    const fresh = await connectAs(emu);
    const expired = collector();
    (await client(fresh)).subscribeFromReplayId(CONTACT_TOPIC, expired.callback, 1, old);
    expect(errorCode(await waitFor(() => expired.received.errors[0]))).toBe(
      `${CODE}subscription.fetch.replayid.corrupted`,
    );
    conn = fresh;
  });

  it('survives dropped streams: the client resubscribes from its replay id and misses nothing', async () => {
    const first = collector();
    const c = await client();
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, first.callback, 10));
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Before drop' }]);
    const stored = (await waitFor(() => first.received.events[0])).replayId;
    expect(await emu.control.dropPubSubStreams()).toBeGreaterThanOrEqual(1);
    const cut = await waitFor(() => first.received.errors[0]);
    expect(cut.code).toBe(GRPC.UNAVAILABLE);
    expect(errorCode(cut)).toBeUndefined();

    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'During outage' }]);
    const again = collector();
    (await client()).subscribeFromReplayId(CONTACT_TOPIC, again.callback, 10, stored);
    const e = await waitFor(() => again.received.events[0]);
    expect((e.payload.Name as { LastName: string }).LastName).toBe('During outage');
  });

  it('delivers gap and overflow events from the shared store', async () => {
    const { received, callback } = collector();
    const c = await client();
    await subscribed(emu, () => c.subscribe(CONTACT_TOPIC, callback, 10));
    const ids = (await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Gap' }])).results.map(
      (r) => r.id ?? '',
    );
    // The client decodes in order once it holds the schema (it fetches it for the first event).
    await waitFor(() => received.events[0]);
    await emu.control.emitGap('acme', 'Contact', 'GAP_UPDATE', ids);
    await emu.control.emitOverflow('acme', 'Contact');
    await waitFor(() => received.events.length >= 3);
    const headers = received.events.map((e) => e.payload.ChangeEventHeader);
    expect(headers.map((h) => h.changeType)).toEqual(['CREATE', 'GAP_UPDATE', 'GAP_OVERFLOW']);
    expect(headers[1]?.recordIds).toEqual(ids);
    expect(headers[2]?.recordIds).toEqual([]);
  });

  it('sends empty keepalive responses with the latest replay id while idle', async () => {
    await emu.control.updateSettings({ pubsubKeepaliveMs: 100 });
    const created = await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Last before idle' }]);
    const { received, callback } = collector();
    (await client()).subscribe(CONTACT_TOPIC, callback, 10);
    await waitFor(() => received.keepalives >= 2);
    expect(received.events).toEqual([]);
    expect(received.lastReplayId).toBeGreaterThanOrEqual(created.replayIds[0] ?? Infinity);
    await emu.control.updateSettings({ pubsubKeepaliveMs: 270_000 });
  });
});
