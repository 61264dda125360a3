import { orgHasCdc, type StoredEvent } from '../cdc/bus.ts';
import { ALL_CHANGES, channelFor } from '../cometd/messages.ts';
import { CDC_ENTITIES, type DataObjectName } from '../store/schema.ts';
import type { Org } from '../store/types.ts';
import type { PubSubErrorName } from './errors.ts';

export interface Topic {
  name: string;
  /** The entity of a /data/<Entity>ChangeEvent topic; undefined for /data/ChangeEvents. */
  entity: DataObjectName | undefined;
}

/** The change event channels CometD serves, under the same names (same events, same store). */
export function resolveTopic(org: Org, name: string): Topic | PubSubErrorName {
  if (!name.trim()) return 'topicEmpty';
  const entity = CDC_ENTITIES.find((e) => channelFor(e) === name);
  if (name !== ALL_CHANGES && !entity) return 'topicNotFound';
  if (!orgHasCdc(org)) return 'cannotSubscribe';
  if (entity && !org.cdcEntities.includes(entity)) return 'topicNotFound';
  return { name, entity };
}

export function topicMatches(topic: Topic, e: StoredEvent): boolean {
  return topic.entity === undefined || topic.entity === e.entity;
}
