import { type Db, type SyncObject, tenantKey } from '@ch/db';
import type { ChangeEvent, SalesforceClient } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../../wire-names/objects.ts';
import { pickSynced, type SyncedField, syncedFieldsOf } from '../fields.ts';
import type { IncomingRecord } from '../record-store.ts';
import type { RunTotals } from '../run-history.ts';
import { storeRecords } from '../store-records.ts';
import { inApplySlot } from './load-slots.ts';
import { positionAfter } from './position.ts';

export interface CdcTarget {
  id: string;
  organizationId: string;
  object: SyncObject;
}

/** Thrown inside the apply transaction when another worker took the lease: nothing is written. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

/** Events that carry no field values: the record is re-read through REST. */
const REREAD = new Set(['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE']);
/** Events that carry every non-empty field: a synced field they leave out is null. */
const WHOLE = new Set(['CREATE', 'UNDELETE']);

interface Step {
  merge: boolean;
  records: IncomingRecord[];
}

/**
 * Applies a run of delivered events (in delivery order) and stores the last one's replay id in
 * the same transaction, so a crash neither loses nor double-counts what was applied. Stops at a
 * GAP_OVERFLOW and returns it: the caller resyncs. Network reads happen before the transaction.
 */
export async function applyEvents(
  db: Db,
  client: SalesforceClient,
  target: CdcTarget,
  owner: string,
  delivered: readonly ChangeEvent[],
  totals: RunTotals,
): Promise<{ applied: ChangeEvent[]; overflow?: ChangeEvent }> {
  const overflowAt = delivered.findIndex((e) => e.changeType === 'GAP_OVERFLOW');
  const events = inTransactionOrder(overflowAt === -1 ? delivered : delivered.slice(0, overflowAt));
  const overflow = overflowAt === -1 ? undefined : delivered[overflowAt];
  const result = overflow ? { applied: events, overflow } : { applied: events };
  if (events.length === 0) return result;

  // Read per batch: fields the admin adds or removes apply from the next batch on.
  const fields = syncedFieldsOf(
    await db.objectSync.findUniqueOrThrow({
      where: tenantKey(target),
      select: { object: true, fields: true },
    }),
  );
  const reread = await rereadRecords(client, target.object, fields, events, totals);
  const steps: Step[] = [];
  for (const event of events) {
    const step: Step = REREAD.has(event.changeType)
      ? { merge: false, records: event.recordIds.map((id) => reread.get(id)!) }
      : { merge: true, records: event.recordIds.map((id) => fromEvent(fields, id, event)) };
    // Consecutive events of one kind go in one statement; applyRecords folds repeats of an id in order.
    const last = steps.at(-1);
    if (last && last.merge === step.merge) last.records.push(...step.records);
    else steps.push(step);
  }
  // Delivery order (before the transaction-order sort): the last delivered is where to resume.
  const position = positionAfter(overflowAt === -1 ? delivered : delivered.slice(0, overflowAt));
  // One of the process's few apply slots (load-slots.ts): with many subscriptions, a batch waits
  // its turn here rather than in the pool, where Prisma gives up on it after 2 s.
  await inApplySlot(undefined, () =>
    db.$transaction(async (tx) => {
      for (const step of steps) {
        const applied = await storeRecords(tx, target, step.records, { merge: step.merge });
        totals.upserted += applied.upserted;
        totals.deleted += applied.deleted;
      }
      // Fencing: a worker that lost its lease (it stalled, another took over) writes nothing.
      const stored = await tx.$executeRaw`
      UPDATE "ObjectSync" SET "replayId" = ${position.replayId}, "pubsubReplayId" = ${position.pubsubReplayId}
      WHERE "organizationId" = ${target.organizationId}::uuid AND id = ${target.id}::uuid AND "cdcOwner" = ${owner}`;
      if (stored !== 1) throw new LeaseLostError('the CDC lease was taken over by another worker');
    }),
  );
  return result;
}

/**
 * UPDATE carries the changed fields only (merged into the stored row); CREATE and UNDELETE carry
 * every non-empty field, so a synced field they leave out is null; DELETE only marks the record.
 * Compound fields arrive flattened (the client maps Name.FirstName to FirstName).
 */
function fromEvent(synced: readonly SyncedField[], id: string, event: ChangeEvent): IncomingRecord {
  const modstamp = new Date(event.commitTimestamp);
  if (event.changeType === 'DELETE') return { id, fields: {}, modstamp, deleted: true };
  const fields = pickSynced(synced, { ...event.fields, Id: id });
  if (WHOLE.has(event.changeType)) {
    // Name is left out: record-store derives it from FirstName and LastName.
    for (const { name } of synced) if (!(name in fields) && name !== 'Name') fields[name] = null;
  }
  return { id, fields, modstamp, deleted: false };
}

/**
 * Salesforce delivers a transaction's events together and in order; sorting each contiguous run
 * of one transactionKey by sequenceNumber makes that order explicit rather than assumed.
 */
function inTransactionOrder(events: readonly ChangeEvent[]): ChangeEvent[] {
  const out: ChangeEvent[] = [];
  let run: ChangeEvent[] = [];
  const flush = () => {
    out.push(...run.sort((a, b) => a.sequenceNumber - b.sequenceNumber));
    run = [];
  };
  for (const event of events) {
    if (run.length > 0 && run[0]!.transactionKey !== event.transactionKey) flush();
    run.push(event);
  }
  flush();
  return out;
}

/** The current state of every record named by an UNDELETE or gap event; ids not found are gone. */
async function rereadRecords(
  client: SalesforceClient,
  object: SyncObject,
  synced: readonly SyncedField[],
  events: readonly ChangeEvent[],
  totals: RunTotals,
): Promise<Map<string, IncomingRecord>> {
  const wanted = events.filter((e) => REREAD.has(e.changeType));
  const ids = [...new Set(wanted.flatMap((e) => e.recordIds))];
  const found = new Map<string, IncomingRecord>();
  if (ids.length === 0) return found;
  const fields = [...synced.map((field) => field.name), 'SystemModstamp', 'IsDeleted'];
  const rows = await client.fetchByIds(SALESFORCE_NAME[object], ids, fields, { includeDeleted: true });
  totals.apiCalls += Math.ceil(ids.length / 200);
  for (const row of rows) {
    found.set(String(row.Id), {
      id: String(row.Id),
      fields: pickSynced(synced, row),
      modstamp: new Date(String(row.SystemModstamp)),
      deleted: row.IsDeleted === true,
    });
  }
  // Purged from the recycle bin (or never visible to us): deleted as of the newest event naming it.
  const missing = new Set(ids.filter((id) => !found.has(id)));
  for (const event of wanted) {
    for (const id of event.recordIds) {
      if (missing.has(id)) {
        found.set(id, { id, fields: {}, modstamp: new Date(event.commitTimestamp), deleted: true });
      }
    }
  }
  return found;
}
