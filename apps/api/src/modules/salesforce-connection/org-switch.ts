import type { SyncObject } from '@ch/contracts';
import type { Prisma } from '@ch/db';
import { recordAudit } from '../../audit/record-audit.ts';
import { COPY_ORG_SETTING_KEY } from '../../sync/copy-fence.ts';
import { replaceOrgCopy } from '../../sync/replace-org-copy.ts';
import { fromDbObject } from '../../wire-names/objects.ts';

/**
 * Called in the transaction that stores a new connection (docs/decisions/008). The local copy
 * belongs to one Salesforce org: when the org just signed in to is another one, the engine replaces
 * the copy (sync/replace-org-copy.ts: the previous org's records become deletions, every sync loads
 * the new org from the start once the connection commits); campaign data sources stay linked.
 * Returns null when the copy is already this org's (or there is none), else the objects being
 * reloaded (syncs that are on).
 */
export async function adoptSalesforceOrg(
  tx: Prisma.TransactionClient,
  input: { organizationId: string; salesforceOrgId: string; actorUserId: string },
): Promise<{ reloaded: SyncObject[] } | null> {
  const { organizationId, salesforceOrgId } = input;
  const key = { organizationId_key: { organizationId, key: COPY_ORG_SETTING_KEY } };
  const previous = (await tx.appSetting.findUnique({ where: key }))?.value ?? null;
  if (previous === salesforceOrgId) return null;
  await tx.appSetting.upsert({
    where: key,
    create: { organizationId, key: COPY_ORG_SETTING_KEY, value: salesforceOrgId },
    update: { value: salesforceOrgId },
  });
  // Nothing copied yet (a first connection, syncs that never ran): nothing to replace. With no org
  // recorded but a copy held (made before the org was recorded), it is replaced to be sure.
  const removed = await replaceOrgCopy(tx, organizationId);
  if (removed === null) return null;
  const on = await tx.objectSync.findMany({
    where: { organizationId, enabled: true, method: { not: null } },
    select: { object: true },
    orderBy: { object: 'asc' },
  });
  const reloaded = on.map((sync) => fromDbObject(sync.object));
  await recordAudit(tx, {
    organizationId,
    actorUserId: input.actorUserId,
    action: 'salesforce.org_switched',
    details: { previousOrgId: previous, salesforceOrgId, removedRecords: removed, reloaded },
  });
  return { reloaded };
}
