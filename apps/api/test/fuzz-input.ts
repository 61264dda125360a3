import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

/** One generated request: a path with its params filled in, a query string, and a raw body. */
export interface FuzzRequest {
  path: string;
  query: string;
  body?: { contentType?: string; contentEncoding?: string; bytes: Buffer };
}

// Percent-encodes every UTF-16 code unit the way a careless client would: a lone surrogate becomes
// its three WTF-8 bytes (%ED%A0%80), which no UTF-8 decoder accepts. Node's client refuses raw
// non-ASCII in a path, so everything outside the unreserved set is encoded.
export function encodeLoosely(value: string): string {
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (/^[A-Za-z0-9._~-]$/.test(ch)) {
      out += ch;
      continue;
    }
    const bytes =
      cp < 0x80
        ? [cp]
        : cp < 0x800
          ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
          : cp < 0x10000
            ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
            : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

// Long enough to pass every max() in the contracts; a URL stays under Node's 16 KiB header limit,
// past which the HTTP parser, not the app, drops the connection.
const longString = (max: number) => fc.integer({ min: 256, max }).map((n) => 'x'.repeat(n));

const nastyString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '\udc00\ud800',
    '',
    ' ',
    '9'.repeat(40),
    '9223372036854775808',
    '-1',
    '1e400',
    'NaN',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    "' OR 1=1 --",
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59-14:00',
    '+275760-09-13T00:00:00Z',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  longString(4_000),
);

const nastyNumber = fc.oneof(
  fc.constantFrom(2 ** 63, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.5, -1, 2 ** 31),
  fc.double(),
);

/** Anything a wrong client might put where a value goes. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.constantFrom(null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);

/** In a JSON body a value may be longer than any limit (the body limit answers 413). */
const nastyBodyValue = fc.oneof({ weight: 4, arbitrary: nastyValue }, longString(40_000));

// Valid values per field name used by the contracts, so a body that is right but for one field
// gets past the first check and reaches the deeper ones.
const validField: Record<string, fc.Arbitrary<unknown>> = {
  name: fc.constant('Fuzz key'),
  scopes: fc.constant(['data-sources:read']),
  object: fc.constantFrom('Contact', 'Lead'),
  filter: fc.constant({ country: 'US', hasPhone: true }),
  callId: fc.constant('fuzz-call'),
  recordId: fc.constant('003000000000001AAA'),
  direction: fc.constant('Outbound'),
  startedAt: fc.constant('2026-11-28T10:00:00Z'),
  durationSeconds: fc.constant(10),
  disposition: fc.constant('Connected'),
  notes: fc.constant('notes'),
  method: fc.constantFrom('REST', 'CDC', null),
  intervalMinutes: fc.constantFrom(5, null),
  enabled: fc.boolean(),
  // Never a real account: wrong passwords must not throttle the accounts the test logs in with.
  email: fc.constant('nobody@demo.test'),
  password: fc.constant('wrong'),
};
const fieldNames = Object.keys(validField);

// hasOwn: a generated key such as `constructor` must not pick up Object.prototype's.
const field = (name: string) =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: Object.hasOwn(validField, name)
        ? (validField[name] as fc.Arbitrary<unknown>)
        : nastyBodyValue,
    },
    nastyBodyValue,
  );

const bodyObject = fc
  .tuple(fc.subarray(fieldNames), fc.option(fc.string({ maxLength: 10 }), { nil: undefined }))
  .chain(([names, extra]) =>
    fc.record(
      Object.fromEntries([...names, ...(extra === undefined ? [] : [extra])].map((n) => [n, field(n)])),
    ),
  );

const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');

const brokenJson = fc.constantFrom(
  '{',
  '{"a":',
  '[1,2',
  'nul',
  '{"a":1}}',
  '{"name":"\\ud800","scopes":["data-sources:read"]}',
  '{"a":"\\u0000"}',
  '"\\x"',
  '{"a":1e999999}',
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
);

const body: fc.Arbitrary<NonNullable<FuzzRequest['body']>> = fc.oneof(
  bodyObject.map((o) => ({ contentType: 'application/json', bytes: json(o) })),
  // The same object with a __proto__ key written into the JSON text itself.
  bodyObject.map((o) => ({
    contentType: 'application/json',
    bytes: Buffer.from(JSON.stringify(o).replace(/^\{/, '{"__proto__":{"role":"SUPPORT"},')),
  })),
  nastyValue.map((v) => ({ contentType: 'application/json', bytes: json(v) })),
  brokenJson.map((t) => ({ contentType: 'application/json', bytes: Buffer.from(t) })),
  bodyObject.map((o) => ({ contentType: 'application/json', bytes: json(o).subarray(0, 7) })),
  fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'x-bogus').map((encoding) => ({
    contentType: 'application/json',
    contentEncoding: encoding,
    bytes: Buffer.from('{"name":"not compressed"}'),
  })),
  bodyObject.map((o) => ({
    contentType: 'application/json',
    contentEncoding: 'gzip',
    bytes: gzipSync(json(o)),
  })),
  fc.constantFrom('utf-7', 'utf-16', 'x-unknown', 'latin1').map((charset) => ({
    contentType: `application/json; charset=${charset}`,
    bytes: Buffer.from('{"name":"x"}'),
  })),
  fc.constant({ contentType: 'application/json', bytes: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data').map((type) => ({
    contentType: type,
    bytes: Buffer.from('name=a%00b&scopes=x'),
  })),
  fc.integer({ min: 100_001, max: 150_000 }).map((n) => ({
    contentType: 'application/json',
    bytes: Buffer.from(`{"name":"${'x'.repeat(n)}"}`),
  })),
);

const rawMalformed = fc.constantFrom('%E0%A4%A', '%', '%ZZ', '%00', '%ED%A0%80', '%C0%AF', '%FF');

const queryValue = fc.oneof(
  nastyValue.map((v) => encodeLoosely(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
  rawMalformed,
);
const queryKey = fc.constantFrom(
  'cursor',
  'limit',
  'loginHost',
  'purpose',
  'mode',
  'state',
  'code',
  'error',
  '__proto__',
  'cursor[]',
  'limit[a]',
  'constructor',
);

const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeLoosely(k)}=${v}`).join('&'));

/** Requests for one route: its `:params` filled with valid or hostile values. */
export function fuzzRequest(
  path: string,
  validParam: Record<string, fc.Arbitrary<string>>,
  withBody: boolean,
): fc.Arbitrary<FuzzRequest> {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const param = (name: string) =>
    fc.oneof(
      { weight: 2, arbitrary: (validParam[name] ?? fc.constant('x')).map(encodeLoosely) },
      nastyString.map(encodeLoosely),
      rawMalformed,
    );
  return fc
    .record({
      params: fc.tuple(...names.map(param)),
      query,
      body: withBody ? fc.option(body, { nil: undefined, freq: 8 }) : fc.constant(undefined),
    })
    .map(({ params, query, body }) => ({
      path: names.reduce((p, name, i) => p.replace(`:${name}`, params[i] ?? ''), path),
      query,
      ...(body ? { body } : {}),
    }));
}
