import type { Prisma, SyncObject } from '@ch/db';
import type { Deps } from '../../deps.ts';
import { removeStoredFields } from '../../sync/field-changes.ts';
import { type ChosenField, chosenFieldsOf, isRequiredField } from '../../sync/fields.ts';
import { lockScope } from '../../sync/record-store.ts';
import { withSalesforceForRequest } from '../salesforce-connection/salesforce-for-request.ts';
import { describedFields, resolveChosen } from './described-fields.ts';

type Current = { object: SyncObject; fields: Prisma.JsonValue };

/**
 * The admin's new choice checked against the org's describe (a network call: before the
 * transaction), or undefined when it names the fields already kept (nothing to ask Salesforce).
 */
export async function checkFieldChoice(
  deps: Deps,
  organizationId: string,
  current: Current,
  names: readonly string[] | undefined,
): Promise<ChosenField[] | undefined> {
  if (names === undefined) return undefined;
  const wanted = new Set(names.filter((name) => !isRequiredField(current.object, name)));
  const kept = chosenFieldsOf(current);
  if (kept.length === wanted.size && kept.every((field) => wanted.has(field.name))) return undefined;
  const described = await withSalesforceForRequest(deps, organizationId, (client) =>
    describedFields(client, current.object),
  );
  return resolveChosen(current.object, described, names);
}

/**
 * Stores a new choice in the caller's transaction, under the scope's lock (the record writers
 * read the list under it: store-records.ts): removed fields leave the local copy at once, added
 * ones wait for the next run's backfill (sync/backfill.ts). A CDC subscription is let go so that
 * its worker starts a new session, which backfills before it subscribes again.
 */
export async function storeFieldChoice(
  tx: Prisma.TransactionClient,
  sync: {
    id: string;
    organizationId: string;
    object: SyncObject;
    fields: Prisma.JsonValue;
    backfillFields: string[];
  },
  chosen: readonly ChosenField[],
): Promise<Prisma.ObjectSyncUpdateInput> {
  await lockScope(tx, sync.organizationId, sync.object);
  const before = new Set(chosenFieldsOf(sync).map((field) => field.name));
  const after = new Set(chosen.map((field) => field.name));
  const removed = [...before].filter((name) => !after.has(name));
  const added = [...after].filter((name) => !before.has(name));
  await removeStoredFields(tx, sync, removed);
  const pending = [...new Set([...sync.backfillFields.filter((name) => after.has(name)), ...added])];
  return {
    fields: chosen as unknown as Prisma.InputJsonValue,
    backfillFields: pending,
    ...(added.length > 0 ? { cdcOwner: null, cdcLeaseUntil: null } : {}),
  };
}
