import { isoSeconds } from '../core/clock.ts';
import type { IdAllocator } from '../core/ids.ts';
import { fullObject, hiddenNames, visibleObject } from './org-fields.ts';
import type { DataObjectName, ObjectDef } from './schema.ts';
import type { Change, Org, SaveResult, SfRecord, Transaction } from './types.ts';
import { missingRequired, validateFields } from './validate.ts';

interface JournalEntry {
  object: DataObjectName;
  id: string;
  row: SfRecord | undefined;
  deletedAt: number | undefined;
}

const DEFAULTS: Record<DataObjectName, Record<string, unknown>> = {
  Contact: { DoNotCall: false, HasOptedOutOfEmail: false },
  Lead: { DoNotCall: false, HasOptedOutOfEmail: false, IsConverted: false, Status: 'Open - Not Contacted' },
  Task: { Status: 'Not Started', TaskSubtype: 'Task' },
};

/** Fields a change event never carries: the id travels in recordIds, the rest is bookkeeping. */
const NOT_IN_EVENTS = new Set(['Id', 'Name', 'IsDeleted', 'SystemModstamp']);

function fail(statusCode: string, message: string, fields: string[] = []): SaveResult {
  return { success: false, errors: [{ statusCode, message, fields }] };
}

/**
 * CREATE and UNDELETE events carry every non-empty field (nested compounds are built later),
 * except those field-level security hides from the subscriber.
 */
function eventFields(row: Record<string, unknown>, hidden: ReadonlySet<string>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    if (v !== null && !NOT_IN_EVENTS.has(k) && !hidden.has(k)) fields[k] = v;
  return fields;
}

function withName(object: DataObjectName, row: Record<string, unknown>): void {
  if (object === 'Task') return;
  row.Name = [row.FirstName, row.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
}

/**
 * One Salesforce transaction: every save shares one commit stamp, and a journal allows the
 * all-or-none rollback that composite requests ask for.
 */
export class TransactionBuilder {
  readonly changes: Change[] = [];
  private readonly journal: JournalEntry[] = [];
  private readonly stampIso: string;
  /**
   * 'user': the API user's view, where hidden fields do not exist (REST); 'all': an org user
   * whose profile reads and writes every field (seed data, the control API).
   */
  fieldAccess: 'user' | 'all' = 'user';

  constructor(
    readonly org: Org,
    private readonly ids: IdAllocator,
    readonly userId: string,
    readonly origin: string,
    readonly stamp: number,
  ) {
    this.stampIso = isoSeconds(stamp);
  }

  private def(object: DataObjectName): ObjectDef {
    return this.fieldAccess === 'all' ? fullObject(this.org, object) : visibleObject(this.org, object);
  }

  private remember(object: DataObjectName, id: string): void {
    const table = this.org.tables[object];
    this.journal.push({ object, id, row: table.rows.get(id), deletedAt: table.deletedAt.get(id) });
  }

  /** `givenId`: the control API's way to make a sandbox copy, whose records keep production's ids. */
  create(object: DataObjectName, input: Record<string, unknown>, givenId?: string): SaveResult {
    const def = this.def(object);
    if (givenId !== undefined && this.org.tables[object].rows.has(givenId)) {
      return fail(
        'DUPLICATE_VALUE',
        `duplicate value found: Id duplicates value on record with id: ${givenId}`,
      );
    }
    const { values, errors } = validateFields(def, input, 'create');
    if (errors.length > 0) return { success: false, errors };
    const row: Record<string, unknown> = {};
    for (const f of fullObject(this.org, object).fields) row[f.name] = f.type === 'boolean' ? false : null;
    Object.assign(row, DEFAULTS[object], { OwnerId: this.userId }, values);
    const missing = missingRequired(def, row);
    if (missing) return { success: false, errors: [missing] };
    const id = givenId ?? this.ids.next(def.keyPrefix);
    Object.assign(row, {
      Id: id,
      CreatedDate: this.stampIso,
      LastModifiedDate: this.stampIso,
      SystemModstamp: this.stampIso,
      IsDeleted: false,
    });
    withName(object, row);
    this.remember(object, id);
    this.org.tables[object].rows.set(id, row as SfRecord);
    this.changes.push({
      entity: object,
      changeType: 'CREATE',
      recordId: id,
      fields: eventFields(row, hiddenNames(this.org, object)),
    });
    return { id, success: true, errors: [] };
  }

  update(object: DataObjectName, id: string, input: Record<string, unknown>): SaveResult {
    const table = this.org.tables[object];
    const current = table.rows.get(id);
    if (!current) return fail('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`);
    if (current.IsDeleted === true) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    const { values, errors } = validateFields(this.def(object), input, 'update');
    if (errors.length > 0) return { success: false, errors };
    const next: Record<string, unknown> = { ...current, ...values };
    const missing = missingRequired(this.def(object), next);
    if (missing) return { success: false, errors: [missing] };
    withName(object, next);
    const changed: Record<string, unknown> = {};
    const hidden = hiddenNames(this.org, object);
    for (const [k, v] of Object.entries(values)) if (current[k] !== v && !hidden.has(k)) changed[k] = v;
    Object.assign(next, { LastModifiedDate: this.stampIso, SystemModstamp: this.stampIso });
    changed.LastModifiedDate = this.stampIso;
    this.remember(object, id);
    table.rows.set(id, next as SfRecord);
    this.changes.push({ entity: object, changeType: 'UPDATE', recordId: id, fields: changed });
    return { id, success: true, errors: [] };
  }

  remove(object: DataObjectName, id: string): SaveResult {
    const table = this.org.tables[object];
    const current = table.rows.get(id);
    if (!current) return fail('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (current.IsDeleted === true) return fail('ENTITY_IS_DELETED', 'entity is deleted');
    this.remember(object, id);
    table.rows.set(id, {
      ...current,
      IsDeleted: true,
      LastModifiedDate: this.stampIso,
      SystemModstamp: this.stampIso,
    });
    table.deletedAt.set(id, this.stamp);
    this.changes.push({ entity: object, changeType: 'DELETE', recordId: id, fields: {} });
    return { id, success: true, errors: [] };
  }

  undelete(object: DataObjectName, id: string): SaveResult {
    const table = this.org.tables[object];
    const current = table.rows.get(id);
    if (current?.IsDeleted !== true) return fail('UNDELETE_FAILED', 'Entity is not in the recycle bin');
    this.remember(object, id);
    const restored = {
      ...current,
      IsDeleted: false,
      LastModifiedDate: this.stampIso,
      SystemModstamp: this.stampIso,
    };
    table.rows.set(id, restored);
    table.deletedAt.delete(id);
    this.changes.push({
      entity: object,
      changeType: 'UNDELETE',
      recordId: id,
      fields: eventFields(restored, hiddenNames(this.org, object)),
    });
    return { id, success: true, errors: [] };
  }

  rollback(): void {
    for (const entry of this.journal.reverse()) {
      const table = this.org.tables[entry.object];
      if (entry.row) table.rows.set(entry.id, entry.row);
      else table.rows.delete(entry.id);
      if (entry.deletedAt === undefined) table.deletedAt.delete(entry.id);
      else table.deletedAt.set(entry.id, entry.deletedAt);
    }
    this.journal.length = 0;
    this.changes.length = 0;
  }

  toTransaction(): Transaction {
    return {
      org: this.org,
      userId: this.userId,
      origin: this.origin,
      commitTimestamp: this.stamp,
      changes: this.changes,
    };
  }
}
