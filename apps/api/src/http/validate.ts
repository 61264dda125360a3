import type { z } from 'zod';
import { AppError } from './app-error.ts';

/** Parses untrusted input with a contract; a mismatch is a 400 naming each field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, what = 'Request'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid input';
  throw new AppError('bad_request', `${what} is invalid: ${summary}`, issues);
}
