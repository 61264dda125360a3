import type { Response } from 'express';
import type { z } from 'zod';

/**
 * The one way a handler answers JSON: the body must be what the contract schema describes, so a
 * field the contract lacks, misses or types otherwise fails the typecheck (an object literal too:
 * excess properties are checked). Types only, on purpose: the clients parse every response with the
 * same schema, and a runtime parse here would cost each large page and strip what it does not know
 * (docs/decisions/014). A body-less answer (204) is `res.status(204).end()`.
 */
export function send<S extends z.ZodType>(res: Response, _schema: S, body: z.input<S>, status = 200): void {
  res.status(status).json(body);
}

/**
 * `send` for a body part PostgreSQL already wrote as JSON text in the contract's shape (a records
 * page built by json_build_object): `jsonText` maps those keys to their text, spliced in unparsed,
 * so a large page is never parsed and serialized again in Node. The rest of the body is typed as
 * in `send`; the tests parse the whole answer with the contract schema.
 */
export function sendWithJsonText<
  S extends z.ZodType<Record<string, unknown>>,
  K extends keyof z.input<S> & string,
>(res: Response, _schema: S, body: Omit<z.input<S>, K>, jsonText: Record<K, string>, status = 200): void {
  const spliced = Object.entries<string>(jsonText).map(([key, text]) => `${JSON.stringify(key)}:${text}`);
  const rest = JSON.stringify(body).slice(1, -1);
  const text = `{${[...spliced, ...(rest ? [rest] : [])].join(',')}}`;
  // Written as is, not through res.send: its ETag is a SHA-1 of the whole body (a millisecond or
  // more per records page, decision 021) for a revalidation no API client asks for.
  // Encoded once: its length is the header, and the socket takes the bytes as they are.
  const bytes = Buffer.from(text);
  res.status(status).type('application/json').setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
