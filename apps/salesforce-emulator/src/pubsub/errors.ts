import { randomUUID } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';

// Pub/Sub answers failures with a gRPC status, its own error code in the `error-code` trailer and
// an RPC id both in the `rpc-id` trailer and after "rpcId: " in the message, as Salesforce's
// "Handle Errors" page describes.
const PREFIX = 'sfdc.platform.eventbus.grpc.';

export const PUBSUB_ERRORS = {
  authError: [
    status.UNAUTHENTICATED,
    'service.auth.error',
    'An authentication exception occurred. Provide valid authentication via metadata headers.',
  ],
  authHeaders: [
    status.UNAUTHENTICATED,
    'service.auth.headers.invalid',
    'The authentication header value is invalid or blank. Provide accesstoken, instanceurl and tenantid.',
  ],
  unavailable: [status.UNAVAILABLE, 'service.unavailable', 'The Pub/Sub API service is unavailable.'],
  internal: [status.INTERNAL, 'subscription.internal.error', 'An internal subscription error occurred.'],
  topicEmpty: [status.INVALID_ARGUMENT, 'topic.validation.empty', 'The topic name is blank.'],
  topicNotFound: [status.NOT_FOUND, 'topic.not.found', 'The topic does not exist.'],
  cannotSubscribe: [
    status.PERMISSION_DENIED,
    'subscription.topic.cannot.subscribe',
    'You do not have permission to subscribe to this topic.',
  ],
  schemaEmpty: [status.INVALID_ARGUMENT, 'schema.validation.failed', 'The schema ID is blank.'],
  schemaNotFound: [
    status.NOT_FOUND,
    'schema.meta.permission',
    'The schema was not found or you do not have access to it.',
  ],
  replayCorrupted: [
    status.INVALID_ARGUMENT,
    'subscription.fetch.replayid.corrupted',
    'The Replay ID validation failed. Ensure that the replay ID is valid and within the retention window.',
  ],
  replayMissing: [
    status.INVALID_ARGUMENT,
    'subscription.fetch.replayid.validation.failed',
    'The replay preset is CUSTOM but no replay ID was provided.',
  ],
  requestedInvalid: [
    status.INVALID_ARGUMENT,
    'subscription.fetch.requested.events.invalid',
    'The number of requested events must be greater than zero.',
  ],
  overflow: [
    status.INVALID_ARGUMENT,
    'subscription.fetch.overflow',
    'The client requested more events than it has consumed.',
  ],
  topicMismatch: [
    status.INVALID_ARGUMENT,
    'subscription.fetch.topic.mismatch',
    'The topic name differs from the one the subscription started with.',
  ],
  unimplemented: [status.UNIMPLEMENTED, 'service.unsupported', 'The emulator does not publish events.'],
} as const;

export type PubSubErrorName = keyof typeof PUBSUB_ERRORS;

export interface PubSubStatus {
  code: status;
  details: string;
  metadata: Metadata;
}

export function newRpcId(): string {
  return randomUUID();
}

export function pubSubError(name: PubSubErrorName, rpcId: string, detail?: string): PubSubStatus {
  const [code, suffix, message] = PUBSUB_ERRORS[name];
  const metadata = new Metadata();
  metadata.set('error-code', `${PREFIX}${suffix}`);
  metadata.set('rpc-id', rpcId);
  return { code, details: `${detail ?? message} rpcId: ${rpcId}`, metadata };
}

/** A stream cut by the network or a server restart: no Pub/Sub error code, as Salesforce's RST_STREAM. */
export function streamDropped(rpcId: string): PubSubStatus {
  const metadata = new Metadata();
  metadata.set('rpc-id', rpcId);
  return { code: status.UNAVAILABLE, details: 'RST_STREAM closed stream', metadata };
}
