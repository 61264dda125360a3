import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

/**
 * Salesforce's published pubsub_api.proto, unchanged. It lives with the product's Salesforce
 * client (packages/salesforce/proto) so the emulator and the product load the very same file
 * (docs/decisions/023-pubsub-emulator.md).
 */
export const PUBSUB_PROTO_PATH = fileURLToPath(
  new URL('../../../../packages/salesforce/proto/pubsub_api.proto', import.meta.url),
);

/** The eventbus.v1.PubSub service; messages use camelCase names, enums their symbol names. */
export function pubSubService(): ServiceDefinition {
  const definition = loadSync(PUBSUB_PROTO_PATH, { enums: String, longs: Number, defaults: true });
  const root = loadPackageDefinition(definition) as unknown as {
    eventbus: { v1: { PubSub: { service: ServiceDefinition } } };
  };
  return root.eventbus.v1.PubSub.service;
}

export interface FetchRequest {
  topicName: string;
  replayPreset: 'LATEST' | 'EARLIEST' | 'CUSTOM';
  replayId: Buffer;
  numRequested: number;
}

export interface ConsumerEvent {
  event: { id: string; schemaId: string; payload: Buffer; headers: [] };
  replayId: Buffer;
}

export interface FetchResponse {
  events: ConsumerEvent[];
  latestReplayId: Buffer;
  rpcId: string;
  pendingNumRequested: number;
}
