import { type ErrorCode, errorBody } from '@ch/contracts';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, statusByCode } from './app-error.ts';
import { send } from './send.ts';

/** Unknown routes under /api get the error shape rather than the SPA. */
export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'No such endpoint.'));
};

// body-parser marks its own failures with `type`; they are the client's fault, not ours.
function fromBodyParser(error: { type?: string }): AppError | undefined {
  if (error.type === 'entity.parse.failed') return new AppError('bad_request', 'The body is not valid JSON.');
  if (error.type === 'entity.too.large') return new AppError('payload_too_large', 'The body is too large.');
  if (error.type?.startsWith('encoding.') || error.type === 'charset.unsupported')
    return new AppError('bad_request', 'The body encoding is not supported.');
  return undefined;
}

interface Rendered {
  status: number;
  code: ErrorCode;
  message: string;
  issues?: AppError['issues'];
}

const codeByStatus = new Map(
  Object.entries(statusByCode).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * Any other error that carries a 4xx status (http-errors' convention, used by body-parser for a
 * body that does not inflate, by the router for a path that does not percent-decode, and by
 * serve-static) is the client's: its status is kept, in the one error shape. The message is ours,
 * so nothing of a library's wording or the input leaks back.
 */
function fromClientError(error: { status?: unknown; statusCode?: unknown }): Rendered | undefined {
  const status = typeof error.status === 'number' ? error.status : error.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499)
    return undefined;
  const code = codeByStatus.get(status) ?? 'bad_request';
  return {
    status,
    code,
    message: 'The request could not be understood: check its address, headers and body.',
  };
}

export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = error instanceof AppError ? error : fromBodyParser(error ?? {});
  const known: Rendered | undefined = appError
    ? { status: appError.status, code: appError.code, message: appError.message, issues: appError.issues }
    : fromClientError(error ?? {});
  if (!known) req.log.error({ err: error }, 'unhandled error');
  else if (!appError) req.log.info({ err: error }, 'client error');
  const rendered = known ?? {
    status: 500,
    code: 'internal',
    message: 'Something went wrong on our side. Please try again.',
  };
  send(
    res,
    errorBody,
    {
      error: {
        code: rendered.code,
        message: rendered.message,
        ...(rendered.issues ? { issues: rendered.issues } : {}),
      },
    },
    rendered.status,
  );
};
