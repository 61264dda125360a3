import { randomUUID } from 'node:crypto';
import type { Transaction } from '../store/types.ts';
import { nestCompound } from './compound.ts';

export type GapType = 'GAP_CREATE' | 'GAP_UPDATE' | 'GAP_DELETE' | 'GAP_UNDELETE' | 'GAP_OVERFLOW';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: string;
  changedFields: string[];
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
}

export interface ChangePayload {
  entity: string;
  payload: { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;
}

/** Salesforce caps a transaction's change events; beyond this it sends one GAP_OVERFLOW instead. */
export const OVERFLOW_THRESHOLD = 100_000;

/**
 * Turns a committed transaction into change events. Changes of the same kind with identical
 * field values collapse into one event naming several recordIds, as Salesforce does.
 */
export function eventsForTransaction(tx: Transaction, commitNumber: number): ChangePayload[] {
  const selected = new Set(tx.org.cdcEntities);
  const transactionKey = randomUUID();
  const groups = new Map<
    string,
    { entity: string; changeType: string; ids: string[]; fields: Record<string, unknown> }
  >();
  const counts = new Map<string, number>();
  for (const change of tx.changes) {
    if (!selected.has(change.entity)) continue;
    counts.set(change.entity, (counts.get(change.entity) ?? 0) + 1);
    const key = `${change.entity}|${change.changeType}|${JSON.stringify(change.fields)}`;
    const group = groups.get(key);
    if (group) group.ids.push(change.recordId);
    else
      groups.set(key, {
        entity: change.entity,
        changeType: change.changeType,
        ids: [change.recordId],
        fields: change.fields,
      });
  }
  const header = (
    entity: string,
    changeType: string,
    recordIds: string[],
    changedFields: string[],
    seq: number,
  ) => ({
    entityName: entity,
    recordIds,
    changeType,
    changedFields,
    changeOrigin: tx.origin,
    transactionKey,
    sequenceNumber: seq,
    commitTimestamp: tx.commitTimestamp,
    commitNumber,
    commitUser: tx.userId,
  });
  const out: ChangePayload[] = [];
  const overflowed = new Set([...counts].filter(([, n]) => n > OVERFLOW_THRESHOLD).map(([e]) => e));
  for (const entity of overflowed) {
    out.push({
      entity,
      payload: { ChangeEventHeader: header(entity, 'GAP_OVERFLOW', [], [], out.length + 1) },
    });
  }
  for (const g of groups.values()) {
    if (overflowed.has(g.entity)) continue;
    const { body, names } = nestCompound(g.entity, g.fields);
    // Only an UPDATE lists changedFields in Salesforce (components as Compound.Component).
    const changedFields = g.changeType === 'UPDATE' ? names : [];
    out.push({
      entity: g.entity,
      payload: {
        ChangeEventHeader: header(g.entity, g.changeType, g.ids, changedFields, out.length + 1),
        ...body,
      },
    });
  }
  return out;
}

export function gapEvent(
  entity: string,
  changeType: GapType,
  recordIds: string[],
  meta: { userId: string; commitTimestamp: number; commitNumber: number },
): ChangePayload {
  return {
    entity,
    payload: {
      ChangeEventHeader: {
        entityName: entity,
        recordIds: changeType === 'GAP_OVERFLOW' ? [] : recordIds,
        changeType,
        changedFields: [],
        changeOrigin: '',
        transactionKey: randomUUID(),
        sequenceNumber: 1,
        commitTimestamp: meta.commitTimestamp,
        commitNumber: meta.commitNumber,
        commitUser: meta.userId,
      },
    },
  };
}

export function schemaId(entity: string): string {
  // A stable pseudo schema id per entity; clients only compare it, never resolve it here.
  return Buffer.from(`${entity}ChangeEvent-schema-v1`).toString('base64url').slice(0, 22);
}
