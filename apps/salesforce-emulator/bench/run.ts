import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_APP, type RunningEmulator, startEmulator } from '../src/index.ts';

// Loopback-only benchmark: query paging throughput and 1,000 concurrent CometD long-polls.
// Every loop is bounded in count and in time.
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1_000);
const CALLBACK = 'http://localhost:3999/cb';
const DEADLINE_MS = 120_000;
const out = (line: string) => process.stdout.write(`${line}\n`);

async function login(emu: RunningEmulator): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_APP.clientId,
    redirect_uri: CALLBACK,
    code_challenge: challenge,
  });
  const field = (html: string) => /name="pending" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const pending = field(await (await fetch(`${emu.url}/services/oauth2/authorize?${q}`)).text());
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${emu.url}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
  const approval = field(
    await (
      await post('/services/oauth2/authorize/login', {
        pending,
        username: 'integration.user@acme.example',
        password: 'salesforce',
      })
    ).text(),
  );
  const location =
    (await post('/services/oauth2/authorize/decision', { pending: approval, decision: 'allow' })).headers.get(
      'location',
    ) ?? '';
  const code = new URL(location).searchParams.get('code') ?? '';
  const token = await post('/services/oauth2/token', {
    grant_type: 'authorization_code',
    code,
    client_id: DEFAULT_APP.clientId,
    client_secret: DEFAULT_APP.clientSecret,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
  return ((await token.json()) as { access_token: string }).access_token;
}

async function benchQuery(emu: RunningEmulator, token: string): Promise<void> {
  let t = performance.now();
  for (let done = 0; done < RECORDS; done += 10_000) {
    const n = Math.min(10_000, RECORDS - done);
    const records = Array.from({ length: n }, (_, i) => ({
      FirstName: `F${done + i}`,
      LastName: `L${done + i}`,
      Email: `u${done + i}@bench.example`,
      Phone: '+1 415 555 0100',
    }));
    await emu.control.createRecords('acme', 'Contact', records);
  }
  out(`created ${RECORDS} contacts via control API in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const soql =
    'SELECT Id, FirstName, LastName, Email, Phone, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id';
  let url = `${emu.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  let seen = 0;
  let pages = 0;
  t = performance.now();
  while (url && pages < 1000) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { records: unknown[]; nextRecordsUrl?: string };
    seen += body.records.length;
    pages++;
    url = body.nextRecordsUrl ? `${emu.url}${body.nextRecordsUrl}` : '';
  }
  const secs = (performance.now() - t) / 1000;
  out(
    `paged ${seen} records in ${pages} pages in ${secs.toFixed(2)} s = ${Math.round(seen / secs)} records/s`,
  );
}

type Msg = Record<string, unknown>;

async function benchCometd(emu: RunningEmulator, token: string): Promise<void> {
  const post = async (body: Msg[]): Promise<Msg[]> => {
    const res = await fetch(`${emu.url}/cometd/62.0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `OAuth ${token}` },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Msg[];
  };
  let t = performance.now();
  const ids = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const [hs] = await post([
        { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
      ]);
      const clientId = String(hs?.clientId);
      await post([
        {
          channel: '/meta/subscribe',
          clientId,
          subscription: '/data/ContactChangeEvent',
          ext: { replay: { '/data/ContactChangeEvent': -1 } },
        },
      ]);
      return clientId;
    }),
  );
  out(`${CLIENTS} clients handshaken and subscribed in ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const TX = 5;
  const PER_TX = 10;
  const expected = TX * PER_TX;
  const received = new Map<string, number>(ids.map((id) => [id, 0]));
  const deadline = Date.now() + DEADLINE_MS;
  let connects = 0;
  const loops = ids.map(async (clientId) => {
    while ((received.get(clientId) ?? 0) < expected && Date.now() < deadline) {
      const replies = await post([{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }]);
      connects++;
      const events = replies.filter((m) => m.channel === '/data/ContactChangeEvent').length;
      received.set(clientId, (received.get(clientId) ?? 0) + events);
      if (replies.some((m) => m.channel === '/meta/connect' && m.successful !== true)) break;
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  t = performance.now();
  for (let i = 0; i < TX; i++) {
    await emu.control.createRecords(
      'acme',
      'Contact',
      Array.from({ length: PER_TX }, (_, j) => ({ LastName: `Bench${i}-${j}` })),
    );
  }
  await Promise.all(loops);
  const secs = (performance.now() - t) / 1000;
  const complete = [...received.values()].filter((n) => n === expected).length;
  const total = [...received.values()].reduce((a, b) => a + b, 0);
  out(
    `${complete}/${CLIENTS} clients received all ${expected} events (${total} deliveries, ${connects} connects) in ${secs.toFixed(2)} s`,
  );
  if (complete !== CLIENTS) process.exitCode = 1;
}

const emu = await startEmulator({ port: 0, records: 'none', callbackUrls: [CALLBACK] });
try {
  const token = await login(emu);
  await benchQuery(emu, token);
  await benchCometd(emu, token);
} finally {
  await emu.close();
}
