import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent, ChangeSubscription, SalesforceClient, SalesforceError } from '../../src/index.ts';
import { ACME, type ClientUnderTest, clientFor, connect, type Emulator, GLOBEX, start } from './setup.ts';

/** Subscribes and records what arrives; `until` polls (events arrive over a real long-poll). */
function watch(client: SalesforceClient, object: string, replayId: number) {
  const events: ChangeEvent[] = [];
  const errors: SalesforceError[] = [];
  const sub: ChangeSubscription = client.subscribeChanges({
    object,
    replayId,
    onEvent: (e) => events.push(e),
    onError: (e) => errors.push(e),
  });
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${what}; got ${events.length} events`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { sub, events, errors, until };
}

describe('Change Data Capture over CometD', () => {
  let emu: Emulator;
  let acme: ClientUnderTest;
  beforeAll(async () => {
    emu = await start();
    acme = clientFor(emu, await connect(emu, ACME));
  });
  afterAll(async () => {
    acme.client.close();
    await emu.close();
  });

  it('delivers CREATE, UPDATE and DELETE events with header and fields', async () => {
    const w = watch(acme.client, 'Contact', -1);
    await w.sub.ready;
    const [created] = (
      await emu.control.createRecords('acme', 'Contact', [{ LastName: 'Stream', Email: 's@x.example' }])
    ).results;
    const id = String(created?.id);
    await emu.control.updateRecords('acme', 'Contact', [{ Id: id, Phone: '+1 415 555 0100' }]);
    await emu.control.deleteRecords('acme', 'Contact', [id]);
    await w.until(() => w.events.length >= 3, 'three events');
    w.sub.close();

    expect(w.events.map((e) => e.changeType)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    for (const e of w.events) {
      expect(e).toMatchObject({ entityName: 'Contact', recordIds: [id], transactionKey: expect.any(String) });
      expect(e.fields).not.toHaveProperty('ChangeEventHeader');
    }
    const [create, update, del] = w.events as [ChangeEvent, ChangeEvent, ChangeEvent];
    expect(create.fields).toMatchObject({ LastName: 'Stream', Email: 's@x.example' });
    expect(update.changedFields).toContain('Phone');
    expect(update.fields).toMatchObject({ Phone: '+1 415 555 0100' });
    expect(update.fields).not.toHaveProperty('LastName');
    expect(del.fields).toEqual({});
    expect(create.replayId).toBeLessThan(update.replayId);
    expect(update.replayId).toBeLessThan(del.replayId);
    expect(w.errors).toEqual([]);
  });

  it('resumes from a stored replayId with nothing lost or repeated', async () => {
    const first = watch(acme.client, 'Lead', -1);
    await first.sub.ready;
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'R1', Company: 'C' }]);
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'R2', Company: 'C' }]);
    await first.until(() => first.events.length >= 2, 'two events');
    // The consumer only stored the first event before going away.
    const stored = first.events[0]!.replayId;
    first.sub.close();
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'R3', Company: 'C' }]);
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'R4', Company: 'C' }]);

    const expected = (await emu.control.events('acme'))
      .filter((e) => e.entity === 'Lead' && e.replayId > stored)
      .map((e) => e.replayId);
    expect(expected).toHaveLength(3);
    const resumed = watch(acme.client, 'Lead', stored);
    await resumed.until(() => resumed.events.length >= 3, 'replayed events');
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'R5', Company: 'C' }]);
    await resumed.until(() => resumed.events.length >= 4, 'a live event after the replay');
    resumed.sub.close();

    const ids = resumed.events.map((e) => e.replayId);
    expect(ids.slice(0, 3)).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed.events.map((e) => e.fields.LastName)).toEqual(['R2', 'R3', 'R4', 'R5']);
  });

  it('surfaces an unknown replayId as invalid_replay', async () => {
    const w = watch(acme.client, 'Contact', 12345);
    await expect(w.sub.ready).rejects.toMatchObject({ kind: 'invalid_replay' });
    expect(w.errors.map((e) => e.kind)).toEqual(['invalid_replay']);
    expect(w.errors[0]?.message).toContain('12345');
  });

  it('survives an access-token expiry with a new streaming client, losing nothing', async () => {
    const w = watch(acme.client, 'Contact', -1);
    await w.sub.ready;
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'BeforeExpiry' }]);
    await w.until(() => w.events.length >= 1, 'the first event');
    const refreshesBefore = acme.refreshed.length;

    await emu.control.expireAccessTokens({ org: 'acme' });
    // Written while the streaming client is being rebuilt: must be replayed, not lost.
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'DuringExpiry' }]);
    await w.until(() => w.events.length >= 2, 'the event after expiry');
    await emu.control.createRecords('acme', 'Contact', [{ LastName: 'AfterRefresh' }]);
    await w.until(() => w.events.length >= 3, 'a live event on the new client');
    w.sub.close();

    expect(acme.refreshed.length).toBe(refreshesBefore + 1);
    expect(w.events.map((e) => e.fields.LastName)).toEqual(['BeforeExpiry', 'DuringExpiry', 'AfterRefresh']);
    expect(w.errors).toEqual([]);
    const live = (await emu.control.tokens('acme')).filter(
      (t) => t.kind === 'access' && !t.expired && !t.revoked,
    );
    expect(live.map((t) => t.token)).toContain(acme.refreshed.at(-1)?.accessToken);
  });

  it('rebuilds the streaming client when a REST call refreshed first, with a single refresh and no loss', async () => {
    const w = watch(acme.client, 'Lead', -1);
    await w.sub.ready;
    const subscribedAt = Date.now();
    const refreshesBefore = acme.refreshed.length;
    await emu.control.expireAccessTokens({ org: 'acme' });
    await acme.client.limits();
    // Committed while the rebuilt client may not have subscribed yet; no event was seen before,
    // so there is no replayId to resume from: the client replays and filters instead.
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'AfterRestRefresh', Company: 'C' }]);
    await w.until(
      () => w.events.some((e) => e.fields.LastName === 'AfterRestRefresh'),
      'the event after refresh',
    );
    w.sub.close();
    expect(acme.refreshed.length).toBe(refreshesBefore + 1);
    expect(w.events.filter((e) => e.fields.LastName === 'AfterRestRefresh')).toHaveLength(1);
    // Anything else is a documented at-least-once replay of events from just before subscribing.
    for (const e of w.events.filter((x) => x.fields.LastName !== 'AfterRestRefresh')) {
      expect(e.commitTimestamp).toBeLessThanOrEqual(subscribedAt);
    }
    expect(new Set(w.events.map((e) => e.replayId)).size).toBe(w.events.length);
    expect(w.errors).toEqual([]);
  });

  it('rides through dropped CometD clients and delivers gap events', async () => {
    const w = watch(acme.client, 'Lead', -1);
    await w.sub.ready;
    const leadId = String((await emu.control.records('acme', 'Lead'))[0]?.Id);
    await emu.control.emitGap('acme', 'Lead', 'GAP_UPDATE', [leadId]);
    await emu.control.emitOverflow('acme', 'Lead');
    await w.until(() => w.events.length >= 2, 'the gap events');
    expect(await emu.control.dropCometdClients()).toBeGreaterThan(0);
    await emu.control.createRecords('acme', 'Lead', [{ LastName: 'AfterDrop', Company: 'C' }]);
    await w.until(() => w.events.length >= 3, 'an event after re-handshake');
    w.sub.close();

    expect(w.events[0]).toMatchObject({ changeType: 'GAP_UPDATE', recordIds: [leadId], fields: {} });
    expect(w.events[1]).toMatchObject({ changeType: 'GAP_OVERFLOW', entityName: 'Lead', fields: {} });
    expect(w.events[2]).toMatchObject({ changeType: 'CREATE', fields: { LastName: 'AfterDrop' } });
    expect(w.errors).toEqual([]);
  });

  it('ends with auth_revoked when CometD rejects the token and the refresh is refused', async () => {
    const tokens = await connect(emu, ACME);
    const other = clientFor(emu, tokens);
    const w = watch(other.client, 'Contact', -1);
    await w.sub.ready;
    // Revoking the refresh token also ends its access token: CometD answers 401, the refresh fails.
    await emu.control.revokeRefreshTokens({ token: tokens.refreshToken });
    await w.until(() => w.errors.length > 0, 'the terminal error');
    expect(w.errors.map((e) => e.kind)).toEqual(['auth_revoked']);
    expect(other.refreshed).toEqual([]);
  });

  it('reports cdc_unavailable for an org without Change Data Capture', async () => {
    const globex = clientFor(emu, await connect(emu, GLOBEX)).client;
    const w = watch(globex, 'Contact', -1);
    await expect(w.sub.ready).rejects.toMatchObject({ kind: 'cdc_unavailable' });
    expect(w.errors.map((e) => e.kind)).toEqual(['cdc_unavailable']);
    globex.close();
  });
});
