import { type Db, type TenantKey, tenantKey } from '@ch/db';
import { isSalesforceError, type SalesforceClient } from '@ch/salesforce';
import { SALESFORCE_NAME } from '../wire-names/objects.ts';
import { type FieldWarning, removeStoredFields, unreadableWarning } from './field-changes.ts';
import { chosenFieldsOf } from './fields.ts';

const isInvalidField = (error: unknown) =>
  isSalesforceError(error, 'invalid_query') && error.errorCode === 'INVALID_FIELD';

/**
 * Runs a sync's work; when Salesforce refuses a query for a field (deleted, or hidden from the
 * integration user by field-level security), the chosen fields describe no longer lists are
 * dropped from the sync, with a warning, and the work runs again. A schema change is the org's
 * doing, not a failure to count: without this, every run would fail until the breaker tripped.
 * A refusal that no dropped field explains is thrown as it was.
 */
export async function withFieldDrift<T>(
  db: Db,
  client: SalesforceClient,
  sync: TenantKey,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isInvalidField(error) || (await dropUnreadableFields(db, client, sync)).length === 0) throw error;
    return work();
  }
}

/**
 * Compares a sync's chosen fields with describe and drops those no longer there. A field whose
 * label changed is still there by name: nothing changes. Returns the names dropped.
 */
export async function dropUnreadableFields(
  db: Db,
  client: SalesforceClient,
  key: TenantKey,
): Promise<string[]> {
  const sync = await db.objectSync.findUniqueOrThrow({ where: tenantKey(key) });
  const described = await client.describe(SALESFORCE_NAME[sync.object]);
  const readable = new Set(described.fields.map((field) => field.name));
  const chosen = chosenFieldsOf(sync);
  const gone = chosen.filter((field) => !readable.has(field.name));
  if (gone.length === 0) return [];
  const names = gone.map((field) => field.name);
  await db.$transaction(async (tx) => {
    await removeStoredFields(tx, sync, names);
    // Re-read under the scope's lock: an admin's save meanwhile is kept, minus the dropped fields.
    const current = await tx.objectSync.findUniqueOrThrow({ where: tenantKey(key) });
    const warnings = (current.fieldWarnings as unknown as FieldWarning[]).filter(
      (warning) => !names.includes(warning.field),
    );
    await tx.objectSync.update({
      where: tenantKey(key),
      data: {
        fields: chosenFieldsOf(current).filter((field) => !names.includes(field.name)),
        backfillFields: current.backfillFields.filter((name) => !names.includes(name)),
        fieldWarnings: [...warnings, ...gone.map(unreadableWarning)] as never,
      },
    });
  });
  return names;
}
