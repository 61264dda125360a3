import { type CreateApiKeyRequest, createApiKeyRequest } from '@ch/contracts';
import type { z } from 'zod';
import { isApiError } from '../../../lib/api-client.ts';

export type KeyField = 'name' | 'scopes';
/** Messages beside each field; `form` holds whatever names no field. */
export type KeyFormErrors = Partial<Record<KeyField | 'form', string>>;

/** The contract's own limit, so the input and the API can never disagree. */
export const NAME_MAX = createApiKeyRequest.shape.name.maxLength ?? 100;

const FIELDS: readonly string[] = ['name', 'scopes'];

/** First message per field, from issue paths such as `name`, `scopes` or `scopes.0`. */
function byField(issues: { path: string; message: string }[]): KeyFormErrors {
  const errors: KeyFormErrors = {};
  for (const { path, message } of issues) {
    const field = path.split('.')[0] ?? '';
    const key = FIELDS.includes(field) ? (field as KeyField) : 'form';
    errors[key] ??= message;
  }
  return errors;
}

// zod's default wording for the length limit reads like a type error; say it as a person would.
const friendly = (issue: z.core.$ZodIssue) =>
  issue.code === 'too_big' && issue.path[0] === 'name' ? `Use at most ${NAME_MAX} characters` : issue.message;

/** Checks the draft with the same schema the API uses: the data to send, or the errors to show. */
export function validateKey(
  draft: CreateApiKeyRequest,
): { data: CreateApiKeyRequest; errors?: undefined } | { data?: undefined; errors: KeyFormErrors } {
  const parsed = createApiKeyRequest.safeParse(draft);
  if (parsed.success) return { data: parsed.data };
  return {
    errors: byField(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: friendly(i) }))),
  };
}

/** A refused create: a 400's issues go beside their fields; any other failure above the form. */
export function serverErrors(error: unknown): KeyFormErrors {
  if (isApiError(error, 400) && error.issues.length > 0) {
    const errors = byField(error.issues);
    return errors.name || errors.scopes ? errors : { form: error.message, ...errors };
  }
  return { form: error instanceof Error ? error.message : 'Something went wrong. Try again.' };
}
