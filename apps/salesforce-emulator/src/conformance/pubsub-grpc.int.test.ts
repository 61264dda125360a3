import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { rawHarness, session, trailer, unary, until } from './pubsub-grpc-support.ts';
import { waitFor } from './streaming.ts';
import { connectAs } from './support.ts';

// The wire as a plain grpc-js client sees it: fields of each message, trailers of each error.
const TOPIC = '/data/ContactChangeEvent';
const CODE = 'sfdc.platform.eventbus.grpc.';
const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, UNIMPLEMENTED: 12, UNAVAILABLE: 14, UNAUTHENTICATED: 16 };
const h = rawHarness();

describe('Pub/Sub API wire through grpc-js', () => {
  it('serves GetTopic and GetSchema over TLS with the certificate generated at start', async () => {
    const topic = await unary(h.client, 'GetTopic', { topicName: TOPIC }, session(h.conn));
    expect(topic.res).toMatchObject({
      topicName: TOPIC,
      tenantGuid: h.conn.userInfo?.organizationId,
      canSubscribe: true,
      canPublish: false,
      schemaId: expect.any(String),
      rpcId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const schema = await unary(h.client, 'GetSchema', { schemaId: topic.res?.schemaId }, session(h.conn));
    expect(schema.res?.schemaId).toBe(topic.res?.schemaId);
    const json = JSON.parse(String(schema.res?.schemaJson)) as { name: string; fields: { name: string }[] };
    expect(json.name).toBe('ContactChangeEvent');
    expect(json.fields[0]?.name).toBe('ChangeEventHeader');
    const type = avro.Type.forSchema(json as avro.Schema) as avro.types.RecordType;
    expect(type.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Name', 'MailingAddress', 'Email']),
    );
  });

  it('answers errors with the status, the error-code trailer and the rpc id', async () => {
    const cases: [string, object, ReturnType<typeof session>, number, string][] = [
      [
        'GetTopic',
        { topicName: TOPIC },
        session(h.conn, { accesstoken: '' }),
        GRPC.UNAUTHENTICATED,
        'service.auth.headers.invalid',
      ],
      [
        'GetTopic',
        { topicName: TOPIC },
        session(h.conn, { tenantid: '00D000000000001AAA' }),
        GRPC.UNAUTHENTICATED,
        'service.auth.error',
      ],
      [
        'GetTopic',
        { topicName: TOPIC },
        session(h.conn, { instanceurl: 'https://elsewhere.example' }),
        GRPC.UNAUTHENTICATED,
        'service.auth.error',
      ],
      [
        'GetTopic',
        { topicName: TOPIC },
        session(h.conn, { accesstoken: '00D!nope' }),
        GRPC.UNAUTHENTICATED,
        'service.auth.error',
      ],
      ['GetTopic', { topicName: ' ' }, session(h.conn), GRPC.INVALID_ARGUMENT, 'topic.validation.empty'],
      ['GetTopic', { topicName: '/data/FooChangeEvent' }, session(h.conn), GRPC.NOT_FOUND, 'topic.not.found'],
      ['GetSchema', { schemaId: '' }, session(h.conn), GRPC.INVALID_ARGUMENT, 'schema.validation.failed'],
      ['GetSchema', { schemaId: 'unknown' }, session(h.conn), GRPC.NOT_FOUND, 'schema.meta.permission'],
    ];
    for (const [method, req, md, code, suffix] of cases) {
      const { err } = await unary(h.client, method, req, md);
      expect([err?.code, trailer(err, 'error-code')]).toEqual([code, `${CODE}${suffix}`]);
      expect(err?.details).toBe(`${err?.details.split(' rpcId: ')[0]} rpcId: ${trailer(err, 'rpc-id')}`);
    }
    const publish = await unary(h.client, 'Publish', { topicName: TOPIC, events: [] }, session(h.conn));
    expect(publish.err?.code).toBe(GRPC.UNIMPLEMENTED);
  });

  it('validates the first FetchRequest and the topic of later ones', async () => {
    const cases: [object, string][] = [
      [
        { topicName: TOPIC, replayPreset: 'CUSTOM', numRequested: 1 },
        'subscription.fetch.replayid.validation.failed',
      ],
      [
        { topicName: TOPIC, replayPreset: 'CUSTOM', replayId: Buffer.from([1, 2, 3]), numRequested: 1 },
        'subscription.fetch.replayid.corrupted',
      ],
      [{ topicName: TOPIC, numRequested: 0 }, 'subscription.fetch.requested.events.invalid'],
    ];
    for (const [first, suffix] of cases) {
      const s = h.open(first);
      await waitFor(() => s.error);
      expect([s.error?.code, trailer(s.error, 'error-code')]).toEqual([
        GRPC.INVALID_ARGUMENT,
        `${CODE}${suffix}`,
      ]);
    }
    const s = h.open({ topicName: TOPIC, numRequested: 1 });
    await until(async () => (await h.emu.control.pubSubStreams()) >= 1);
    s.call.write({ topicName: '/data/LeadChangeEvent', numRequested: 1 });
    await waitFor(() => s.error);
    expect(trailer(s.error, 'error-code')).toBe(`${CODE}subscription.fetch.topic.mismatch`);
  });

  it('fails calls on injected failures: 503 unavailable, 401 ends the session', async () => {
    await h.emu.control.failNextRequests(1, 503, '/eventbus.v1.PubSub/GetTopic');
    const down = await unary(h.client, 'GetTopic', { topicName: TOPIC }, session(h.conn));
    expect([down.err?.code, trailer(down.err, 'error-code')]).toEqual([
      GRPC.UNAVAILABLE,
      `${CODE}service.unavailable`,
    ]);
    expect((await unary(h.client, 'GetTopic', { topicName: TOPIC }, session(h.conn))).res).toBeDefined();

    const own = await connectAs(h.emu);
    await h.emu.control.failNextRequests(1, 401, '/eventbus.v1.PubSub/Subscribe');
    const s = h.open({ topicName: TOPIC, numRequested: 1 }, { md: session(own) });
    await waitFor(() => s.error);
    expect(trailer(s.error, 'error-code')).toBe(`${CODE}service.auth.error`);
    const tokens = await h.emu.control.tokens('acme');
    expect(tokens.find((t) => t.token === own.accessToken)?.expired).toBe(true);
  });
  it('delays calls by the injected latency: a slowed GetTopic answers after a GetSchema sent later', async () => {
    const topic = await unary(h.client, 'GetTopic', { topicName: TOPIC }, session(h.conn));
    await h.emu.control.setLatency(500, '/eventbus.v1.PubSub/GetTopic');
    const order: string[] = [];
    const slow = unary(h.client, 'GetTopic', { topicName: TOPIC }, session(h.conn)).then(() =>
      order.push('GetTopic'),
    );
    await unary(h.client, 'GetSchema', { schemaId: topic.res?.schemaId }, session(h.conn));
    order.push('GetSchema');
    await slow;
    expect(order).toEqual(['GetSchema', 'GetTopic']);
  });

  it('ends a stream whose session timed out at its next step', async () => {
    const s = h.open({ topicName: TOPIC, numRequested: 1 });
    await until(async () => (await h.emu.control.pubSubStreams()) >= 1);
    await h.emu.control.advanceClock(2 * 3_600_000 + 1_000);
    await h.emu.control.createRecords('acme', 'Contact', [{ LastName: 'After the session' }]);
    await waitFor(() => s.error);
    expect([s.error?.code, trailer(s.error, 'error-code')]).toEqual([
      GRPC.UNAUTHENTICATED,
      `${CODE}service.auth.error`,
    ]);
    expect(s.responses).toEqual([]);
    h.conn = await connectAs(h.emu);
  });
});
