import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChangeSubscription,
  closePubSubChannels,
  getIdentity,
  openPubSubChannels,
  STREAMS_PER_CHANNEL,
} from '../../src/index.ts';
import { ACME, type ClientUnderTest, clientFor, connect, type Emulator, start } from './setup.ts';

// Salesforce serves at most 100 concurrent streams on one connection and holds back the 101st
// (the emulator does the same), so a worker holding more subscriptions than that needs channels
// beyond the first, or its later subscriptions never start.
describe('Pub/Sub subscriptions beyond one connection', () => {
  let emu: Emulator;
  let acme: ClientUnderTest;
  let tenantId: string;
  beforeAll(async () => {
    emu = await start();
    const tokens = await connect(emu, ACME);
    acme = clientFor(emu, tokens);
    tenantId = (await getIdentity({ identityUrl: tokens.identityUrl, accessToken: tokens.accessToken }))
      .organizationId;
  });
  afterAll(async () => {
    acme.client.close();
    closePubSubChannels();
    await emu.close();
  });

  it('opens a channel per 90 streams, so 120 subscriptions all start', async () => {
    const subs: ChangeSubscription[] = Array.from({ length: 120 }, () =>
      acme.client.subscribePubSub({
        endpoint: emu.pubsub.endpoint,
        ca: emu.pubsub.certificate,
        object: 'Contact',
        tenantId,
        onBatch: async () => {},
        onError: (error) => {
          throw error;
        },
      }),
    );
    await Promise.all(subs.map((s) => s.ready));
    const deadline = Date.now() + 15_000;
    while ((await emu.control.pubSubStreams()) < 120) {
      if (Date.now() > deadline)
        throw new Error(`${await emu.control.pubSubStreams()} of 120 streams served`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(openPubSubChannels()).toBe(Math.ceil(120 / STREAMS_PER_CHANNEL));
    for (const sub of subs) sub.close();
  });
});
