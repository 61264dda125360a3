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
