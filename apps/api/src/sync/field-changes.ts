import type { Prisma, SyncObject } from '@ch/db';
import { lockScope } from './record-store.ts';

type Tx = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** A chosen field the sync dropped by itself, shown on its row until the admin dismisses it. */
export interface FieldWarning {
  field: string;
  message: string;
}

export const unreadableWarning = (field: { name: string; label: string }): FieldWarning => ({
  field: field.name,
  message: `${field.label} is no longer readable in Salesforce and was removed from this sync`,
});

/**
 * Takes fields out of a scope's local copy inside the caller's transaction (which also stores the
 * sync's new field list), holding the scope's lock: a page read with the old list waits, then
 * stores without them (store-records.ts). The values go at once, so nothing serves them again;
 * the rows keep their seq, as no value a reader still receives has changed.
 */
export async function removeStoredFields(
  tx: Tx,
  scope: { organizationId: string; object: SyncObject },
  names: readonly string[],
): Promise<void> {
  if (names.length === 0) return;
  await lockScope(tx, scope.organizationId, scope.object);
  await tx.$executeRawUnsafe(
    `UPDATE "SalesforceRecord" SET fields = fields - $3::text[]
     WHERE "organizationId" = $1::uuid AND object = $2::"SyncObject" AND fields ?| $3::text[]`,
    scope.organizationId,
    scope.object,
    names,
  );
}
