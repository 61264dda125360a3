import { type ErrorCode, type ErrorIssue, errorBody } from '@ch/contracts';
import type { z } from 'zod';

/** The API's error shape, plus the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: ErrorIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions<S extends z.ZodType | undefined> {
  method?: Method;
  body?: unknown;
  /** The contract the response must satisfy; omit for 204 No Content endpoints. */
  schema?: S;
  signal?: AbortSignal;
}

type Result<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The one way the SPA talks to the API. Responses are parsed with their zod contract, so a
 * server that drifts from the contract fails loudly here instead of deep inside a component.
 */
export async function apiRequest<S extends z.ZodType | undefined = undefined>(
  path: string,
  { method = 'GET', body, schema, signal }: RequestOptions<S> = {},
): Promise<Result<S>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // The API refuses state-changing requests without a JSON content type (part of its CSRF defence).
  if (method !== 'GET') headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(
      0,
      'internal',
      'Could not reach the server. Check your connection and try again.',
      [],
      {
        cause,
      },
    );
  }

  if (!response.ok) throw await toApiError(response);
  if (!schema) return undefined as Result<S>;

  const json: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(response.status, 'internal', 'The server sent an unexpected response.', [], {
      cause: parsed.error,
    });
  }
  return parsed.data as Result<S>;
}

async function toApiError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = errorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, issues } = parsed.data.error;
    return new ApiError(response.status, code, message, issues ?? []);
  }
  // A proxy or crash page rather than our API: keep the status, use a generic message.
  return new ApiError(
    response.status,
    'internal',
    `The server answered ${response.status}. Try again later.`,
  );
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
