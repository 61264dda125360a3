import type { ErrorBody } from '@ch/contracts';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './app-error.ts';

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

export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  const known = error instanceof AppError ? error : fromBodyParser(error ?? {});
  const appError = known ?? new AppError('internal', 'Something went wrong on our side. Please try again.');
  if (!known) req.log.error({ err: error }, 'unhandled error');
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.issues ? { issues: appError.issues } : {}),
    },
  };
  res.status(appError.status).json(body);
};
