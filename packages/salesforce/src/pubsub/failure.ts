import grpc from '@grpc/grpc-js';
import { SalesforceError } from '../errors.ts';
import { redact } from '../redact.ts';

/** The errorCode of a SalesforceError saying the Pub/Sub endpoint could not be reached at all. */
export const PUBSUB_UNREACHABLE = 'PUBSUB_UNREACHABLE';

/**
 * What a failed call means ("Handle Errors" in Salesforce's Pub/Sub API guide: a gRPC status plus
 * an `error-code` trailer such as sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted):
 * - 'auth': the access token was refused -> refresh and subscribe again;
 * - 'drop': the stream or connection ended (RST_STREAM, service unavailable) -> subscribe again;
 * - a SalesforceError: the subscription cannot continue.
 */
export function classifyGrpcError(
  error: grpc.ServiceError,
  secrets: readonly string[],
): 'auth' | 'drop' | SalesforceError {
  const code = String(error.metadata?.get('error-code')[0] ?? '');
  const text = redact(
    `${grpc.status[error.code] ?? error.code}: ${error.details}${code ? ` (${code})` : ''}`,
    secrets,
  );
  if (error.code === grpc.status.UNAUTHENTICATED || /auth\.error/.test(code)) return 'auth';
  if (
    /replayid/i.test(code) ||
    (error.code === grpc.status.INVALID_ARGUMENT && /replay/i.test(error.details))
  ) {
    return new SalesforceError('invalid_replay', `Pub/Sub API: ${text}`, {
      errorCode: code || 'INVALID_REPLAY_ID',
    });
  }
  switch (error.code) {
    case grpc.status.NOT_FOUND:
    case grpc.status.PERMISSION_DENIED:
      return new SalesforceError('cdc_unavailable', `Pub/Sub API: ${text}`, { errorCode: code || undefined });
    case grpc.status.UNAVAILABLE:
    case grpc.status.INTERNAL:
    case grpc.status.CANCELLED:
    case grpc.status.DEADLINE_EXCEEDED:
    case grpc.status.RESOURCE_EXHAUSTED:
    case grpc.status.ABORTED:
    case grpc.status.UNKNOWN:
    case grpc.status.OK:
      return 'drop';
    default:
      return new SalesforceError('unknown', `Pub/Sub API: ${text}`, { errorCode: code || undefined });
  }
}

/**
 * No answer from the endpoint at all (refused, unresolvable, timed out), as opposed to an answer
 * saying it is unavailable: Salesforce's own refusals carry an `error-code` trailer.
 */
export function isUnreachable(error: grpc.ServiceError): boolean {
  const answered = (error.metadata?.get('error-code').length ?? 0) > 0;
  return (
    !answered && (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED)
  );
}

/** A failure before the first subscribe went through: the endpoint is not there for us. */
export function unreachable(
  endpoint: string,
  error: grpc.ServiceError,
  secrets: readonly string[],
): SalesforceError {
  const text = redact(`${grpc.status[error.code] ?? error.code}: ${error.details}`, secrets);
  return new SalesforceError('transient', `Pub/Sub API unreachable at ${endpoint} (${text})`, {
    errorCode: PUBSUB_UNREACHABLE,
  });
}
